//! Which failed attempts are tried again beyond the SDK's standard rules, as botocore decides:
//! an answer whose body broke off on the connection is tried again (the SDK reads the body
//! after the head, and would not); an answer that came whole but cannot be parsed is not, so
//! a 5xx whose body is neither empty, HTML nor XML (a proxy's error page) ends the call.

use super::failure::body_broke;
use crate::python;
use aws_smithy_runtime_api::client::interceptors::context::InterceptorContext;
use aws_smithy_runtime_api::client::retries::classifiers::{
    ClassifyRetry, RetryAction, RetryClassifierPriority,
};

#[derive(Debug, Default)]
pub struct BotocoreRetries;

impl ClassifyRetry for BotocoreRetries {
    fn classify_retry(&self, ctx: &InterceptorContext) -> RetryAction {
        if let Some(Err(err)) = ctx.output_or_error()
            && err.is_response_error()
            && body_broke(err)
        {
            return RetryAction::transient_error();
        }
        let Some(response) = ctx.response() else {
            return RetryAction::NoActionIndicated;
        };
        let status = response.status().as_u16();
        let body = response.body().bytes().unwrap_or_default().trim_ascii();
        // botocore reads a 5xx that is empty or HTML as the status alone, and retries it.
        let generic = body.is_empty() || body.starts_with(b"<html>");
        if status >= 500 && !generic && python::expat::parse_error(body).is_some() {
            RetryAction::RetryForbidden
        } else {
            RetryAction::NoActionIndicated
        }
    }

    fn name(&self) -> &'static str {
        "sts::BotocoreRetries"
    }

    fn priority(&self) -> RetryClassifierPriority {
        RetryClassifierPriority::run_after(RetryClassifierPriority::transient_error_classifier())
    }
}
