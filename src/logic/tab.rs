//! The three views of the right-hand side.

use reachmap_core::scene::View;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tab {
    Services,
    Policies,
    Matrix,
}

impl Tab {
    pub const ALL: [Tab; 3] = [Tab::Services, Tab::Policies, Tab::Matrix];

    /// The tab's label and accessible name.
    pub fn label(self) -> &'static str {
        match self {
            Tab::Services => "Services",
            Tab::Policies => "Policies",
            Tab::Matrix => "Matrix",
        }
    }

    /// The name in share links, storage and file names.
    pub fn key(self) -> &'static str {
        match self {
            Tab::Services => "services",
            Tab::Policies => "policies",
            Tab::Matrix => "matrix",
        }
    }

    pub fn from_key(key: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.key() == key)
    }

    /// The diagram the tab draws; the matrix is a table, not a scene.
    pub fn view(self) -> Option<View> {
        match self {
            Tab::Services => Some(View::Services),
            Tab::Policies => Some(View::Policies),
            Tab::Matrix => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_read_back_and_only_diagrams_have_a_view() {
        for tab in Tab::ALL {
            assert_eq!(Tab::from_key(tab.key()), Some(tab));
            assert_eq!(tab.label().to_lowercase(), tab.key());
        }
        assert_eq!(Tab::from_key("Services"), None);
        assert_eq!(Tab::Services.view(), Some(View::Services));
        assert_eq!(Tab::Policies.view(), Some(View::Policies));
        assert_eq!(Tab::Matrix.view(), None);
    }
}
