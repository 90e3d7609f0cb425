//! The LIS role vocabularies used by LTI 1.3 (LTI Core 1.3 §A.2): system, institution and context
//! (membership) roles, and context sub-roles.

use crate::claims::vocabulary::open_vocabulary;

macro_rules! closed_names {
    ($(#[$meta:meta])* pub enum $name:ident { $( $(#[$vmeta:meta])* $variant:ident => $wire:literal ),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// The role's simple name (the part after `#` in the long form).
            pub const fn name(self) -> &'static str {
                match self { $( Self::$variant => $wire, )+ }
            }

            /// The role named `name`, if it is in this vocabulary (case-sensitive).
            pub fn from_name(name: &str) -> Option<Self> {
                match name { $( $wire => Some(Self::$variant), )+ _ => None }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

closed_names! {
    /// A system role (LTI Core 1.3 §A.2.1 `http://purl.imsglobal.org/vocab/lis/v2/system/person#…`, and
    /// §A.2.4 `http://purl.imsglobal.org/vocab/lti/system/person#TestUser`).
    pub enum SystemRole {
        /// `Administrator` (core).
        Administrator => "Administrator",
        /// `None` (core).
        None => "None",
        /// `AccountAdmin`.
        AccountAdmin => "AccountAdmin",
        /// `Creator`.
        Creator => "Creator",
        /// `SysAdmin`.
        SysAdmin => "SysAdmin",
        /// `SysSupport`.
        SysSupport => "SysSupport",
        /// `User`.
        User => "User",
        /// `TestUser` (LTI vocabulary, `http://purl.imsglobal.org/vocab/lti/system/person#TestUser`): a
        /// platform test account such as Canvas' "student view".
        TestUser => "TestUser",
    }
}

closed_names! {
    /// An institution role (LTI Core 1.3 §A.2.2, `http://purl.imsglobal.org/vocab/lis/v2/institution/person#…`).
    pub enum InstitutionRole {
        /// `Administrator` (core).
        Administrator => "Administrator",
        /// `Faculty` (core).
        Faculty => "Faculty",
        /// `Guest` (core).
        Guest => "Guest",
        /// `None` (core).
        None => "None",
        /// `Other` (core).
        Other => "Other",
        /// `Staff` (core).
        Staff => "Staff",
        /// `Student` (core).
        Student => "Student",
        /// `Alumni`.
        Alumni => "Alumni",
        /// `Instructor`.
        Instructor => "Instructor",
        /// `Learner`.
        Learner => "Learner",
        /// `Member`.
        Member => "Member",
        /// `Mentor`.
        Mentor => "Mentor",
        /// `Observer`.
        Observer => "Observer",
        /// `ProspectiveStudent`.
        ProspectiveStudent => "ProspectiveStudent",
    }
}

closed_names! {
    /// A context (membership) role (LTI Core 1.3 §A.2.3, `http://purl.imsglobal.org/vocab/lis/v2/membership#…`).
    pub enum ContextRole {
        /// `Administrator` (core).
        Administrator => "Administrator",
        /// `ContentDeveloper` (core).
        ContentDeveloper => "ContentDeveloper",
        /// `Instructor` (core).
        Instructor => "Instructor",
        /// `Learner` (core).
        Learner => "Learner",
        /// `Mentor` (core).
        Mentor => "Mentor",
        /// `Manager`.
        Manager => "Manager",
        /// `Member`.
        Member => "Member",
        /// `Officer`.
        Officer => "Officer",
    }
}

open_vocabulary! {
    /// A context sub-role (LTI Core 1.3 §A.2.3.1): the part after `#` in
    /// `http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant`. Sub-role names
    /// outside the LIS list are kept verbatim.
    pub enum SubRole {
        /// `Administrator` (under Administrator).
        Administrator => "Administrator",
        /// `Developer` (under Administrator).
        Developer => "Developer",
        /// `ExternalDeveloper` (under Administrator).
        ExternalDeveloper => "ExternalDeveloper",
        /// `ExternalSupport` (under Administrator).
        ExternalSupport => "ExternalSupport",
        /// `ExternalSystemAdministrator` (under Administrator).
        ExternalSystemAdministrator => "ExternalSystemAdministrator",
        /// `Support` (under Administrator).
        Support => "Support",
        /// `SystemAdministrator` (under Administrator).
        SystemAdministrator => "SystemAdministrator",
        /// `ContentDeveloper` (under ContentDeveloper).
        ContentDeveloper => "ContentDeveloper",
        /// `ContentExpert` (under ContentDeveloper).
        ContentExpert => "ContentExpert",
        /// `ExternalContentExpert` (under ContentDeveloper).
        ExternalContentExpert => "ExternalContentExpert",
        /// `Librarian` (under ContentDeveloper).
        Librarian => "Librarian",
        /// `ExternalInstructor` (under Instructor).
        ExternalInstructor => "ExternalInstructor",
        /// `Grader` (under Instructor).
        Grader => "Grader",
        /// `GuestInstructor` (under Instructor).
        GuestInstructor => "GuestInstructor",
        /// `Lecturer` (under Instructor).
        Lecturer => "Lecturer",
        /// `PrimaryInstructor` (under Instructor).
        PrimaryInstructor => "PrimaryInstructor",
        /// `SecondaryInstructor` (under Instructor).
        SecondaryInstructor => "SecondaryInstructor",
        /// `TeachingAssistant` (under Instructor).
        TeachingAssistant => "TeachingAssistant",
        /// `TeachingAssistantGroup` (under Instructor).
        TeachingAssistantGroup => "TeachingAssistantGroup",
        /// `TeachingAssistantOffering` (under Instructor).
        TeachingAssistantOffering => "TeachingAssistantOffering",
        /// `TeachingAssistantSection` (under Instructor).
        TeachingAssistantSection => "TeachingAssistantSection",
        /// `TeachingAssistantSectionAssociation` (under Instructor).
        TeachingAssistantSectionAssociation => "TeachingAssistantSectionAssociation",
        /// `TeachingAssistantTemplate` (under Instructor).
        TeachingAssistantTemplate => "TeachingAssistantTemplate",
        /// `ExternalLearner` (under Learner).
        ExternalLearner => "ExternalLearner",
        /// `GuestLearner` (under Learner).
        GuestLearner => "GuestLearner",
        /// `Instructor` (under Learner).
        Instructor => "Instructor",
        /// `Learner` (under Learner).
        Learner => "Learner",
        /// `NonCreditLearner` (under Learner).
        NonCreditLearner => "NonCreditLearner",
        /// `AreaManager` (under Manager).
        AreaManager => "AreaManager",
        /// `CourseCoordinator` (under Manager).
        CourseCoordinator => "CourseCoordinator",
        /// `ExternalObserver` (under Manager).
        ExternalObserver => "ExternalObserver",
        /// `Manager` (under Manager).
        Manager => "Manager",
        /// `Observer` (under Manager).
        Observer => "Observer",
        /// `Member` (under Member).
        Member => "Member",
        /// `Advisor` (under Mentor).
        Advisor => "Advisor",
        /// `Auditor` (under Mentor).
        Auditor => "Auditor",
        /// `ExternalAdvisor` (under Mentor).
        ExternalAdvisor => "ExternalAdvisor",
        /// `ExternalAuditor` (under Mentor).
        ExternalAuditor => "ExternalAuditor",
        /// `ExternalLearningFacilitator` (under Mentor).
        ExternalLearningFacilitator => "ExternalLearningFacilitator",
        /// `ExternalMentor` (under Mentor).
        ExternalMentor => "ExternalMentor",
        /// `ExternalReviewer` (under Mentor).
        ExternalReviewer => "ExternalReviewer",
        /// `ExternalTutor` (under Mentor).
        ExternalTutor => "ExternalTutor",
        /// `LearningFacilitator` (under Mentor).
        LearningFacilitator => "LearningFacilitator",
        /// `Mentor` (under Mentor).
        Mentor => "Mentor",
        /// `Reviewer` (under Mentor).
        Reviewer => "Reviewer",
        /// `Tutor` (under Mentor).
        Tutor => "Tutor",
        /// `Chair` (under Officer).
        Chair => "Chair",
        /// `Communications` (under Officer).
        Communications => "Communications",
        /// `Secretary` (under Officer).
        Secretary => "Secretary",
        /// `Treasurer` (under Officer).
        Treasurer => "Treasurer",
        /// `Vice-Chair` (under Officer).
        ViceChair => "Vice-Chair",
    }
}
