//! The pager: output and help on a terminal go through AWS_PAGER, `cli_pager`, PAGER or
//! `less`, as in AWS CLI v2; never when stdout is not a terminal or paging is turned off.

use crate::support::Sandbox;
use crate::support::fixture::FixtureServer;

const CALLER_IDENTITY: &str = include_str!("../golden/json/get-caller-identity.json");

/// A sandbox whose `bin/` (first on PATH) holds `record-pager` and a fake `less`, which
/// write what they were started with and what they read to `HOME/paged`, and print nothing.
fn sandbox_with_pagers() -> Sandbox {
    let sandbox = Sandbox::new().unset("AWS_PAGER");
    let recorder = "#!/bin/sh\n{ printf 'LESS=%s args=%s\\n' \"${LESS-unset}\" \"$*\"; cat; } > \"$HOME/paged\"\n";
    for name in ["bin/record-pager", "bin/less"] {
        let path = sandbox.write(name, recorder);
        make_executable(&path);
    }
    let path = format!(
        "{}/bin:{}",
        sandbox.home().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    sandbox.env("PATH", &path)
}

fn make_executable(path: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

/// What the pager recorded, or None when no pager ran.
fn paged(sandbox: &Sandbox) -> Option<String> {
    std::fs::read_to_string(sandbox.home().join("paged")).ok()
}

#[test]
fn output_on_a_terminal_goes_through_the_chosen_pager() {
    let server = FixtureServer::start();
    let url = server.url();
    let call = ["get-caller-identity", "--endpoint-url", url.as_str()];
    // (case, environment, config lines, the pager's first line or None for no pager)
    type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a str, Option<&'a str>);
    let cases: &[Case] = &[
        ("less by default, LESS=FRX", &[], "", Some("LESS=FRX args=")),
        (
            "AWS_PAGER",
            &[("AWS_PAGER", "record-pager -S")],
            "",
            Some("LESS=FRX args=-S"),
        ),
        (
            "the user's LESS is kept",
            &[("AWS_PAGER", "record-pager"), ("LESS", "R")],
            "",
            Some("LESS=R args="),
        ),
        (
            "cli_pager",
            &[],
            "cli_pager = record-pager --x\n",
            Some("LESS=FRX args=--x"),
        ),
        (
            "PAGER",
            &[("PAGER", "record-pager -p")],
            "",
            Some("LESS=FRX args=-p"),
        ),
        (
            "AWS_PAGER wins over cli_pager and PAGER",
            &[("AWS_PAGER", "record-pager 1"), ("PAGER", "record-pager 3")],
            "cli_pager = record-pager 2\n",
            Some("LESS=FRX args=1"),
        ),
        (
            "cli_pager wins over PAGER",
            &[("PAGER", "record-pager 3")],
            "cli_pager = record-pager 2\n",
            Some("LESS=FRX args=2"),
        ),
        (
            "empty AWS_PAGER: no pager",
            &[("AWS_PAGER", ""), ("PAGER", "record-pager")],
            "",
            None,
        ),
        (
            "empty cli_pager: no pager",
            &[("PAGER", "record-pager")],
            "cli_pager =\n",
            None,
        ),
        ("empty PAGER: no pager", &[("PAGER", "")], "", None),
    ];
    for (name, vars, config, first_line) in cases {
        let mut sandbox = sandbox_with_pagers();
        for (var, value) in *vars {
            sandbox = sandbox.env(var, value);
        }
        sandbox.write(
            ".aws/config",
            &format!("[default]\ncli_timestamp_format = iso8601\n{config}"),
        );
        let run = sandbox.sts_in_pty(80, &call);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        match first_line {
            Some(first_line) => {
                assert_eq!(
                    paged(&sandbox),
                    Some(format!("{first_line}\n{CALLER_IDENTITY}")),
                    "{name}"
                );
                assert_eq!(run.stdout_text(), "", "{name}: the pager printed nothing");
            }
            None => {
                assert_eq!(paged(&sandbox), None, "{name}");
                assert_eq!(run.stdout_text(), CALLER_IDENTITY, "{name}");
            }
        }
    }
}

#[test]
fn no_pager_with_no_cli_pager_off_a_terminal_or_for_nothing_to_print() {
    let server = FixtureServer::start();
    let url = server.url();
    let sandbox = sandbox_with_pagers().env("AWS_PAGER", "record-pager");
    let call = ["get-caller-identity", "--endpoint-url", url.as_str()];

    let flag = sandbox.sts_in_pty(80, &[&call[..], &["--no-cli-pager"]].concat());
    assert_eq!(
        (flag.code, flag.stdout_text()),
        (0, CALLER_IDENTITY.to_string())
    );
    assert_eq!(paged(&sandbox), None);

    let piped = sandbox.sts(&call);
    assert_eq!(
        (piped.code, piped.stdout_text()),
        (0, CALLER_IDENTITY.to_string())
    );
    assert_eq!(paged(&sandbox), None);

    let off = sandbox.sts_in_pty(80, &[&call[..], &["--output", "off"]].concat());
    assert_eq!((off.code, off.stdout_text()), (0, String::new()));
    assert_eq!(paged(&sandbox), None);

    // Errors go to stderr, never to the pager.
    let failed = sandbox.sts_in_pty(80, &["get-caller-identity", "--endpoint-url", "nope"]);
    assert_eq!(failed.code, 252);
    assert_eq!(paged(&sandbox), None);
}

#[test]
fn a_pager_that_cannot_start_is_a_configuration_error_for_output() {
    let server = FixtureServer::start();
    let url = server.url();
    let sandbox = Sandbox::new().env("AWS_PAGER", "no-such-pager --flag");
    let run = sandbox.sts_in_pty(80, &["get-caller-identity", "--endpoint-url", url.as_str()]);
    assert_eq!(run.code, 253);
    assert_eq!(
        run.stdout_text(),
        "\nsts: [ERROR]: An error occurred (Pager): Unable to redirect output to pager. Received the following error when opening \
         pager:\n[Errno 2] No such file or directory: 'no-such-pager'\n\nLearn more about \
         configuring the output pager under --no-cli-pager in \"sts help\".\n",
        "the terminal shows stderr"
    );
}

#[test]
fn help_on_a_terminal_is_paged_unless_turned_off() {
    let help = |sandbox: &Sandbox, args: &[&str]| {
        let run = sandbox.sts_in_pty(80, args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        run.stdout_text()
    };
    let text = Sandbox::new().sts(&["assume-role", "help"]).stdout_text();
    assert!(text.starts_with("NAME\n"));

    let sandbox = sandbox_with_pagers().env("AWS_PAGER", "record-pager");
    assert_eq!(help(&sandbox, &["assume-role", "help"]), "");
    assert_eq!(paged(&sandbox), Some(format!("LESS=FRX args=\n{text}")));

    let sandbox = sandbox_with_pagers().env("AWS_PAGER", "record-pager");
    assert_eq!(
        help(&sandbox, &["assume-role", "--help", "--no-cli-pager"]),
        text
    );
    assert_eq!(paged(&sandbox), None);

    // cli_pager of the profile named on the command line.
    let sandbox = sandbox_with_pagers().env("AWS_PAGER", "");
    sandbox.write(
        "other-config",
        "[profile paged]\ncli_pager = record-pager\n",
    );
    let config = sandbox.home().join("other-config");
    let sandbox = sandbox
        .env("AWS_CONFIG_FILE", &config.to_string_lossy())
        .unset("AWS_PAGER");
    assert_eq!(
        help(&sandbox, &["assume-role", "-h", "--profile", "paged"]),
        ""
    );
    assert!(paged(&sandbox).is_some());

    // As in AWS CLI v2, help is printed directly when the pager is not installed.
    let sandbox = Sandbox::new().env("AWS_PAGER", "no-such-pager");
    assert_eq!(help(&sandbox, &["assume-role", "help"]), text);
}
