#!/usr/bin/env python3
"""Writes the sample packages in this folder. Everything in them is ours, written here.

Run from this folder: `python3 make_samples.py`. The output is deterministic (fixed timestamps, sorted
entries), so re-running it produces byte-identical zips.
"""
import zipfile

STAMP = (2026, 1, 1, 0, 0, 0)

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<script src="{up}shared/api.js"></script></head>
<body onload="learnwireStart()" onunload="learnwireFinish()">
<h1>{title}</h1>
<p>{text}</p>
</body></html>
"""

API_JS_12 = """// Finds the SCORM 1.2 API in a parent window and reports completion.
function findApi(win) {
  for (var hops = 0; win && hops < 10; hops++) {
    if (win.API) { return win.API; }
    if (win.parent === win) { break; }
    win = win.parent;
  }
  return null;
}
var api = findApi(window) || (window.opener && findApi(window.opener));
function learnwireStart() { if (api) { api.LMSInitialize(""); } }
function learnwireFinish() {
  if (api) { api.LMSSetValue("cmi.core.lesson_status", "completed"); api.LMSFinish(""); }
}
"""

API_JS_2004 = """// Finds the SCORM 2004 API in a parent window and reports completion.
function findApi(win) {
  for (var hops = 0; win && hops < 10; hops++) {
    if (win.API_1484_11) { return win.API_1484_11; }
    if (win.parent === win) { break; }
    win = win.parent;
  }
  return null;
}
var api = findApi(window) || (window.opener && findApi(window.opener));
function learnwireStart() { if (api) { api.Initialize(""); } }
function learnwireFinish() {
  if (api) { api.SetValue("cmi.completion_status", "completed"); api.Terminate(""); }
}
"""

MANIFEST_12 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="org.learnwire.sample.first-aid" version="1.0"
          xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
          xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="first_aid_org">
    <organization identifier="first_aid_org">
      <title>First Aid Basics</title>
      <item identifier="item_check" identifierref="res_check">
        <title>Check the scene</title>
        <adlcp:masteryscore>80</adlcp:masteryscore>
      </item>
      <item identifier="item_call" identifierref="res_call" parameters="?step=call">
        <title>Call for help</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res_check" type="webcontent" adlcp:scormtype="sco" href="check/index.html">
      <file href="check/index.html"/>
      <dependency identifierref="res_shared"/>
    </resource>
    <resource identifier="res_call" type="webcontent" adlcp:scormtype="sco" href="call/index.html">
      <file href="call/index.html"/>
      <dependency identifierref="res_shared"/>
    </resource>
    <resource identifier="res_shared" type="webcontent" adlcp:scormtype="asset">
      <file href="shared/api.js"/>
    </resource>
  </resources>
</manifest>
"""

MANIFEST_2004 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="org.learnwire.sample.workshop-safety" version="1.0"
          xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
          xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
          xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
          xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
          xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="workshop_org">
    <organization identifier="workshop_org">
      <title>Workshop Safety</title>
      <item identifier="module_tools">
        <title>Hand tools</title>
        <item identifier="item_gloves" identifierref="res_gloves">
          <title>Gloves and goggles</title>
          <adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="0.8"/>
        </item>
        <item identifier="item_storage" identifierref="res_storage" parameters="#storage">
          <title>Storing tools</title>
        </item>
        <imsss:sequencing>
          <imsss:controlMode choice="true" flow="true"/>
        </imsss:sequencing>
      </item>
      <item identifier="item_quiz" identifierref="res_quiz">
        <title>Safety quiz</title>
        <imsss:sequencing>
          <imsss:limitConditions attemptLimit="3"/>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="quiz_passed" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>0.7</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
        </imsss:sequencing>
      </item>
      <imsss:sequencing>
        <imsss:controlMode choice="true" flow="true"/>
      </imsss:sequencing>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res_gloves" type="webcontent" adlcp:scormType="sco" href="gloves/index.html">
      <file href="gloves/index.html"/>
      <dependency identifierref="res_shared"/>
    </resource>
    <resource identifier="res_storage" type="webcontent" adlcp:scormType="sco" href="storage/index.html">
      <file href="storage/index.html"/>
      <dependency identifierref="res_shared"/>
    </resource>
    <resource identifier="res_quiz" type="webcontent" adlcp:scormType="sco" href="quiz/index.html">
      <file href="quiz/index.html"/>
      <dependency identifierref="res_shared"/>
    </resource>
    <resource identifier="res_shared" type="webcontent" adlcp:scormType="asset">
      <file href="shared/api.js"/>
    </resource>
  </resources>
</manifest>
"""


def page(title, text):
    return PAGE.format(title=title, text=text, up="../")


FILE = 0o100644
EXECUTABLE = 0o100755
SYMLINK = 0o120777


def write(name, entries):
    """Writes `entries`: (path, body) or (path, body, unix mode) tuples, deflated, in that order."""
    with zipfile.ZipFile(name, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, body, *mode in entries:
            info = zipfile.ZipInfo(path, date_time=STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (mode[0] if mode else FILE) << 16
            archive.writestr(info, body)


write("first-aid-scorm12.zip", [
    ("imsmanifest.xml", MANIFEST_12),
    ("check/index.html", page("Check the scene", "Look for danger before you help.")),
    ("call/index.html", page("Call for help", "Call the emergency number and say where you are.")),
    ("shared/api.js", API_JS_12),
])

write("workshop-safety-scorm2004.zip", [
    ("imsmanifest.xml", MANIFEST_2004),
    ("gloves/index.html", page("Gloves and goggles", "Wear both before you pick up a tool.")),
    ("storage/index.html", page("Storing tools", "Every tool goes back on its hook.")),
    ("quiz/index.html", page("Safety quiz", "Answer the questions to finish the course.")),
    ("shared/api.js", API_JS_2004),
])

# A package a pipeline must refuse: an entry escapes the root, another is a symlink, and the manifest
# points at a file the package does not hold.
write("broken-unsafe.zip", [
    ("imsmanifest.xml", MANIFEST_12),
    ("check/index.html", page("Check the scene", "Look for danger before you help.")),
    ("../../outside.sh", "echo this must never be written\n", EXECUTABLE),
    ("shared/api.js", "/etc/passwd", SYMLINK),
])
