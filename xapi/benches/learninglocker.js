// The Learning Locker validator (@learninglocker/xapi-validation) over a JSON Lines file: each non-empty
// line is read with JSON.parse and validated; prints how many lines were read and how many had warnings
// (Learning Locker's word for its errors). xapi/benches/e2e.sh installs the package into a temporary
// directory and runs this with NODE_PATH pointing there:
//
//   node xapi/benches/learninglocker.js FILE.jsonl
//
// The file is read whole and split at newlines, which is the cheapest way node has to get the lines;
// the time that counts is the parse and the validation.
'use strict';
const fs = require('fs');
const validate = require('@learninglocker/xapi-validation').default;

const bytes = fs.readFileSync(process.argv[2]);
let start = 0;
let lines = 0;
let rejected = 0;
while (start < bytes.length) {
  let end = bytes.indexOf(10, start);
  if (end < 0) end = bytes.length;
  if (end > start) {
    lines += 1;
    let warnings;
    try {
      warnings = validate(JSON.parse(bytes.toString('utf8', start, end)));
    } catch (error) {
      warnings = [error];
    }
    if (warnings.length > 0) rejected += 1;
  }
  start = end + 1;
}
console.log(`${lines} lines, ${rejected} with warnings (Learning Locker xapi-validation)`);
