//! Which failed attempts are tried again beyond the SDK's standard rules: botocore does not
//! retry an answer it cannot parse, so a 5xx whose body is neither empty, HTML nor XML (a
//! proxy's error page, a truncated answer) ends the call at once, as in the AWS CLI.

use crate::python;
use aws_smithy_runtime_api::client::interceptors::context::InterceptorContext;
use aws_smithy_runtime_api::client::retries::classifiers::{
    ClassifyRetry, RetryAction, RetryClassifierPriority,
};

#[derive(Debug, Default)]
pub struct UnparseableIsFinal;

impl ClassifyRetry for UnparseableIsFinal {
    fn classify_retry(&self, ctx: &InterceptorContext) -> RetryAction {
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
        "sts::UnparseableIsFinal"
    }

    fn priority(&self) -> RetryClassifierPriority {
        RetryClassifierPriority::run_after(RetryClassifierPriority::transient_error_classifier())
    }
}
