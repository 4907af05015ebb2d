//! Help for the tool and every operation: snapshots, and the three ways to ask for it.

use crate::OPERATION_CASES;
use crate::support::{Sandbox, assert_golden};

#[test]
fn help_of_every_operation_matches_its_snapshot() {
    let sandbox = Sandbox::bare();
    let tool = sandbox.sts(&["help"]);
    assert_eq!((tool.code, tool.stderr.as_str()), (0, ""));
    assert_golden("help/sts.txt", &tool.stdout);
    for (operation, _) in OPERATION_CASES {
        let run = sandbox.sts(&[operation, "help"]);
        assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{operation}");
        assert_golden(&format!("help/{operation}.txt"), &run.stdout);
    }
}

#[test]
fn help_dash_h_and_double_dash_help_agree() {
    let sandbox = Sandbox::bare();
    for operation in ["assume-role", "get-caller-identity"] {
        let help = sandbox.sts(&[operation, "help"]);
        for flag in ["-h", "--help"] {
            let run = sandbox.sts(&[operation, flag]);
            assert_eq!(
                (run.code, &run.stdout),
                (0, &help.stdout),
                "{operation} {flag}"
            );
        }
    }
    // Required options are not required to ask for help, and nothing is sent.
    let run = sandbox.sts(&["assume-role", "--role-arn", "x", "help"]);
    assert_eq!(run.code, 0);
}
