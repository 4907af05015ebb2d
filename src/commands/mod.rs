//! The sts-only workflows: what people install aws-vault, granted or awsume for, beside the
//! `aws sts` operations. They use the layers below (settings, credentials, client, output)
//! but the `aws sts` path never calls into them, so they cannot change what an operation does.

mod exec;
mod explain;
mod export;
mod logout;

use crate::cli::Workflow;
use crate::error::Result;
use crate::pager::Printed;

/// Carry out one workflow.
pub async fn run(workflow: Workflow) -> Result<Printed> {
    match workflow {
        Workflow::ExportCredentials { globals, format } => export::run(&globals, format).await,
        Workflow::Exec {
            globals,
            duration_seconds,
            server,
            command,
        } => {
            let request = exec::Request {
                duration_seconds,
                server,
                command,
            };
            exec::run(&globals, request).await
        }
        Workflow::ExplainDenial { globals, message } => explain::run(&globals, message).await,
        Workflow::Logout { globals, all } => logout::run(&globals, all).await,
    }
}
