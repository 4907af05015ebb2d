//! The command lines of the sts-only workflows (`commands/` carries them out). They share the
//! tool's first word with the STS operations, so a workflow's name must never be one of
//! theirs: `sts NAME` has to keep meaning what it means to `aws sts NAME`.

use clap::{ArgMatches, Command};

/// A workflow asked for, with its arguments. None exists yet.
#[derive(Debug)]
pub enum Workflow {}

/// The workflows' clap subcommands, beside the operations'.
pub fn subcommands() -> Vec<Command> {
    Vec::new()
}

/// The workflow named `name`, read from its matches; `None` when `name` is an operation.
pub fn from_matches(_name: &str, _matches: &ArgMatches) -> Option<Workflow> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Operation;

    /// The names in `names` that an `aws sts` command line already gives a meaning to.
    fn collisions<'a>(names: &[&'a str]) -> Vec<&'a str> {
        names
            .iter()
            .copied()
            .filter(|name| Operation::find(name).is_some() || *name == "help")
            .collect()
    }

    #[test]
    fn no_workflow_takes_an_operation_name() {
        let commands = subcommands();
        let names: Vec<&str> = commands.iter().map(Command::get_name).collect();
        assert_eq!(collisions(&names), Vec::<&str>::new());
        // The check itself catches a name that is taken.
        assert_eq!(
            collisions(&["assume-role", "login", "help"]),
            ["assume-role", "help"]
        );
    }
}
