//! Reading the known fields of a query string or `application/x-www-form-urlencoded` body, the way every
//! LTI exchange needs it: unknown fields ignored, a known field given twice refused (fail closed).

/// Returns the value of each of `names` (percent-decoded, `None` when absent), in the order of `names`.
///
/// # Errors
/// The name of the first known field that appears twice.
pub(crate) fn form_fields<const N: usize>(
    body: &[u8],
    names: &[&'static str; N],
) -> Result<[Option<String>; N], &'static str> {
    let mut values: [Option<String>; N] = std::array::from_fn(|_| None);
    for (name, value) in url::form_urlencoded::parse(body) {
        let Some((slot, known)) = values
            .iter_mut()
            .zip(names)
            .find(|(_, known)| **known == name)
        else {
            continue;
        };
        if slot.is_some() {
            return Err(known);
        }
        *slot = Some(value.into_owned());
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::form_fields;

    #[test]
    fn picks_known_fields_and_refuses_repeats() {
        let [a, b] = form_fields(b"x=1&b=two%20words&a=", &["a", "b"]).unwrap();
        assert_eq!(a.as_deref(), Some(""));
        assert_eq!(b.as_deref(), Some("two words"));
        assert_eq!(form_fields(b"a=1&x=2&a=3", &["a", "b"]), Err("a"));
        assert_eq!(form_fields(b"x=1&x=2", &["a"]), Ok([None]));
    }
}
