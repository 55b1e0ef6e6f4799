//! Completion for the console: kubectl's verbs, resource kinds and object names.
