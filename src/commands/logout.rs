//! `sts logout [--profile P | --all]`: forget what is cached for a profile (its MFA session
//! and the role credentials had through it, in sts's cache, and the AWS CLI's cache entries
//! of its roles), for a user who wants a fresh session now.

use crate::cli::Globals;
use crate::config;
use crate::credentials::cache::Cache;
use crate::credentials::{plan, session};
use crate::error::Result;
use crate::pager::Printed;
use std::io::Write;

pub async fn run(globals: &Globals, all: bool) -> Result<Printed> {
    let profiles = config::load_profiles().await?;
    let name =
        config::profile_name(globals.profile.as_deref()).unwrap_or_else(|| "default".to_string());
    // A role's credentials come from its source's MFA session: a fresh start for the role
    // forgets that session too, and with it what else was had through it.
    let mut forgotten = vec![name.clone()];
    if let Some(profile) = profiles.get_profile(&name)
        && plan::is_role(profile)
        && let Ok((_, plan::Source::Keys { profile, .. })) = plan::role_chain(profiles, &name)
    {
        forgotten.push(profile);
    }
    let sessions = Cache::sessions();
    let mut removed = 0;
    for (key, entry) in sessions.entries() {
        let belongs = session::profiles_of(&entry)
            .iter()
            .any(|profile| forgotten.contains(profile));
        if (all || belongs) && sessions.remove(&key) {
            removed += 1;
        }
    }
    // The AWS CLI's entries are named after the role's arguments: those of the profile's
    // roles (every role profile's, with --all).
    let aws_cli = Cache::in_home();
    let names: Vec<String> = if all {
        profiles.names().map(str::to_string).collect()
    } else {
        vec![name.clone()]
    };
    for profile in names {
        let is_role = profiles.get_profile(&profile).is_some_and(plan::is_role);
        if let (true, Ok((chain, _))) = (is_role, plan::role_chain(profiles, &profile)) {
            for role in chain {
                if aws_cli.remove(&role.args.cache_key()) {
                    removed += 1;
                }
            }
        }
    }
    let whose = if all {
        "every profile".to_string()
    } else {
        format!("profile {name}")
    };
    let _ = writeln!(
        std::io::stderr(),
        "sts: removed {removed} cached credential {} ({whose})",
        if removed == 1 { "entry" } else { "entries" }
    );
    Ok(Printed::plain(String::new()))
}
