//! Role vocabularies: long, short, LTI 1.1 and unknown forms, predicates, round trips.

use learnwire_lti::claims::{
    ContextRole, InstitutionRole, Role, RoleForm, RoleKind, SubRole, SystemRole,
};

fn context(role: ContextRole, sub_role: Option<SubRole>) -> RoleKind {
    RoleKind::Context { role, sub_role }
}

#[test]
fn classification_table() {
    let cases: Vec<(&str, RoleKind, RoleForm)> = vec![
        (
            "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor",
            context(ContextRole::Instructor, None),
            RoleForm::Long,
        ),
        (
            "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
            context(ContextRole::Learner, None),
            RoleForm::Long,
        ),
        (
            "http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper",
            context(ContextRole::ContentDeveloper, None),
            RoleForm::Long,
        ),
        (
            "http://purl.imsglobal.org/vocab/lis/v2/membership#Member",
            context(ContextRole::Member, None),
            RoleForm::Long,
        ),
        (
            "http://purl.imsglobal.org/vocab/lis/v2/membership#Manager",
            context(ContextRole::Manager, None),
            RoleForm::Long,
        ),
        (
            "http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor",
            context(ContextRole::Mentor, None),
            RoleForm::Long,
        ),
        (
            "http://purl.imsglobal.org/vocab/lis/v2/membership#Administrator",
            context(ContextRole::Administrator, None),
            RoleForm::Long,
        ),
        (
            "http://purl.imsglobal.org/vocab/lis/v2/membership#Officer",
            context(ContextRole::Officer, None),
            RoleForm::Long,
        ),
        (
            "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant",
            context(ContextRole::Instructor, Some(SubRole::TeachingAssistant)),
            RoleForm::Long,
        ),
        (
            "http://purl.imsglobal.org/vocab/lis/v2/membership/Learner#NonCreditLearner",
            context(ContextRole::Learner, Some(SubRole::NonCreditLearner)),
            RoleForm::Long,
        ),
        (
            "http://purl.imsglobal.org/vocab/lis/v2/membership/Officer#Vice-Chair",
            context(ContextRole::Officer, Some(SubRole::ViceChair)),
            RoleForm::Long,
        ),
        (
            "http://purl.imsglobal.org/vocab/lis/v2/membership#TeachingAssistant",
            context(ContextRole::Instructor, Some(SubRole::TeachingAssistant)),
            RoleForm::Nonstandard,
        ),
        (
            "Instructor",
            context(ContextRole::Instructor, None),
            RoleForm::Short,
        ),
        (
            "Learner",
            context(ContextRole::Learner, None),
            RoleForm::Short,
        ),
        (
            "TeachingAssistant",
            context(ContextRole::Instructor, Some(SubRole::TeachingAssistant)),
            RoleForm::Nonstandard,
        ),
        (
            "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student",
            RoleKind::Institution(InstitutionRole::Student),
            RoleForm::Long,
        ),
        (
            "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Faculty",
            RoleKind::Institution(InstitutionRole::Faculty),
            RoleForm::Long,
        ),
        (
            "http://purl.imsglobal.org/vocab/lis/v2/institution/person#ProspectiveStudent",
            RoleKind::Institution(InstitutionRole::ProspectiveStudent),
            RoleForm::Long,
        ),
        (
            "http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator",
            RoleKind::System(SystemRole::Administrator),
            RoleForm::Long,
        ),
        (
            "http://purl.imsglobal.org/vocab/lis/v2/system/person#SysAdmin",
            RoleKind::System(SystemRole::SysAdmin),
            RoleForm::Long,
        ),
        (
            "http://purl.imsglobal.org/vocab/lis/v2/system/person#User",
            RoleKind::System(SystemRole::User),
            RoleForm::Long,
        ),
        (
            "http://purl.imsglobal.org/vocab/lti/system/person#TestUser",
            RoleKind::System(SystemRole::TestUser),
            RoleForm::Long,
        ),
        (
            "urn:lti:role:ims/lis/Instructor",
            context(ContextRole::Instructor, None),
            RoleForm::Lti11Urn,
        ),
        (
            "urn:lti:role:ims/lis/Learner/NonCreditLearner",
            context(ContextRole::Learner, Some(SubRole::NonCreditLearner)),
            RoleForm::Lti11Urn,
        ),
        (
            "urn:lti:role:ims/lis/TeachingAssistant",
            context(ContextRole::Instructor, Some(SubRole::TeachingAssistant)),
            RoleForm::Lti11Urn,
        ),
        (
            "urn:lti:instrole:ims/lis/Administrator",
            RoleKind::Institution(InstitutionRole::Administrator),
            RoleForm::Lti11Urn,
        ),
        (
            "urn:lti:sysrole:ims/lis/SysAdmin",
            RoleKind::System(SystemRole::SysAdmin),
            RoleForm::Lti11Urn,
        ),
        // Unknown or malformed: kept, never guessed.
        (
            "https://example.edu/roles#Proctor",
            RoleKind::Unrecognized,
            RoleForm::Unrecognized,
        ),
        ("instructor", RoleKind::Unrecognized, RoleForm::Unrecognized),
        ("Student", RoleKind::Unrecognized, RoleForm::Unrecognized),
        ("", RoleKind::Unrecognized, RoleForm::Unrecognized),
        (
            "http://purl.imsglobal.org/vocab/lis/v2/membership#instructor",
            RoleKind::Unrecognized,
            RoleForm::Unrecognized,
        ),
        (
            "https://purl.imsglobal.org/vocab/lis/v2/membership#Instructor",
            RoleKind::Unrecognized,
            RoleForm::Unrecognized,
        ),
        (
            "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#",
            RoleKind::Unrecognized,
            RoleForm::Unrecognized,
        ),
        (
            "http://purl.imsglobal.org/vocab/lis/v2/membership/Wizard#Apprentice",
            RoleKind::Unrecognized,
            RoleForm::Unrecognized,
        ),
        (
            "http://purl.imsglobal.org/vocab/lis/v2/system/person#TestUser",
            RoleKind::Unrecognized,
            RoleForm::Unrecognized,
        ),
        (
            "http://purl.imsglobal.org/vocab/lti/system/person#SysAdmin",
            RoleKind::Unrecognized,
            RoleForm::Unrecognized,
        ),
        (
            "urn:lti:role:ims/lis/Instructor/",
            RoleKind::Unrecognized,
            RoleForm::Unrecognized,
        ),
    ];
    let mut failures = Vec::new();
    for (text, kind, form) in cases {
        let role = Role::parse(text);
        if role.kind() != &kind || role.form() != form || role.as_str() != text {
            failures.push(format!(
                "{text:?}: got {:?} {:?}, expected {kind:?} {form:?}",
                role.kind(),
                role.form()
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn unknown_sub_role_is_kept() {
    let role =
        Role::parse("http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#Co-Teacher");
    let RoleKind::Context {
        role: principal,
        sub_role: Some(sub_role),
    } = role.kind()
    else {
        panic!("not a context role: {:?}", role.kind());
    };
    assert_eq!(*principal, ContextRole::Instructor);
    assert!(sub_role.is_unrecognized());
    assert_eq!(sub_role.as_str(), "Co-Teacher");
    assert!(role.is_instructor() && !role.is_teaching_assistant());
}

#[test]
fn predicates() {
    let ta = Role::parse(
        "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant",
    );
    assert!(ta.is_instructor() && ta.is_teaching_assistant() && !ta.is_learner());
    let learner_instructor =
        Role::parse("http://purl.imsglobal.org/vocab/lis/v2/membership/Learner#Instructor");
    assert!(learner_instructor.is_learner() && !learner_instructor.is_instructor());
    assert!(Role::parse("Administrator").is_context_admin());
    assert!(Role::parse("Administrator").is_admin());
    assert!(Role::from(InstitutionRole::Administrator).is_admin());
    assert!(Role::from(SystemRole::SysAdmin).is_system_admin());
    assert!(!Role::from(SystemRole::SysSupport).is_admin());
    assert!(!Role::from(InstitutionRole::Instructor).is_instructor());
    assert!(Role::from(InstitutionRole::Faculty).is_institution_instructor());
    assert!(Role::from(InstitutionRole::Student).is_institution_student());
    assert!(Role::from(SystemRole::TestUser).is_test_user());
    assert!(
        Role::parse("Mentor").is_mentor() && Role::parse("ContentDeveloper").is_content_developer()
    );
    assert!(Role::parse("Learner").is_deprecated_form());
    assert!(!Role::from(ContextRole::Learner).is_deprecated_form());
    assert!(!Role::parse("https://example.edu/roles#Proctor").is_admin());
}

#[test]
fn constructors_write_long_forms_that_parse_back() {
    let built = [
        Role::context(ContextRole::Instructor),
        Role::context_sub_role(ContextRole::Instructor, SubRole::TeachingAssistant),
        Role::context_sub_role(ContextRole::Officer, SubRole::ViceChair),
        Role::institution(InstitutionRole::Staff),
        Role::system(SystemRole::Administrator),
        Role::system(SystemRole::TestUser),
    ];
    let expected = [
        "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor",
        "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant",
        "http://purl.imsglobal.org/vocab/lis/v2/membership/Officer#Vice-Chair",
        "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Staff",
        "http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator",
        "http://purl.imsglobal.org/vocab/lti/system/person#TestUser",
    ];
    for (role, text) in built.iter().zip(expected) {
        assert_eq!(role.as_str(), text);
        assert_eq!(&Role::parse(text), role, "{text}");
    }
}

#[test]
fn serde_keeps_the_text_exactly() {
    let json = serde_json::json!([
        "Instructor",
        "urn:lti:role:ims/lis/Learner",
        "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
        "https://example.edu/roles#Proctor"
    ]);
    let roles: Vec<Role> = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(roles.iter().filter(|role| role.is_learner()).count(), 2);
    assert_eq!(serde_json::to_value(&roles).unwrap(), json);
    assert!(serde_json::from_value::<Vec<Role>>(serde_json::json!([1])).is_err());
}
