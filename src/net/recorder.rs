//! What one STS exchange looked like: an interceptor on the SDK client that counts attempts
//! and keeps the URL, status, headers and raw body of the answer (the output and the credential
//! cache are built from the raw XML, not from the SDK's typed output).

use crate::log;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::{
    AfterDeserializationInterceptorContextRef, BeforeTransmitInterceptorContextRef,
};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use std::sync::{Arc, Mutex};

/// What the interceptor saw of the exchange: the SDK's typed output is not used, because the
/// AWS CLI prints what the XML says, in model order and with timestamps as sent.
#[derive(Debug, Default)]
pub struct Exchange {
    pub attempts: u32,
    pub url: Option<String>,
    pub status: Option<u16>,
    /// Lower-case names in arrival order, repeated headers joined as botocore joins them (the
    /// credential cache keeps them).
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
}

/// Records each attempt for error messages and, with `--debug`, logs it to stderr without
/// header or parameter values (they may hold signatures, tokens or assertions).
#[derive(Debug, Clone, Default)]
pub struct Recorder {
    exchange: Arc<Mutex<Exchange>>,
}

impl Recorder {
    /// What was seen, leaving the recorder empty.
    pub fn take(&self) -> Exchange {
        self.with(std::mem::take)
    }

    fn with<T>(&self, f: impl FnOnce(&mut Exchange) -> T) -> T {
        // A poisoned lock only means another thread panicked; the data is still usable.
        let mut guard = self.exchange.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut guard)
    }
}

impl Intercept for Recorder {
    fn name(&self) -> &'static str {
        "sts::Recorder"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> std::result::Result<(), BoxError> {
        let request = context.request();
        let url = request.uri().to_string();
        let attempt = self.with(|x| {
            x.attempts += 1;
            x.url = Some(url.clone());
            x.attempts
        });
        if log::debug_enabled() {
            let headers: Vec<&str> = request.headers().iter().map(|(name, _)| name).collect();
            let body = request
                .body()
                .bytes()
                .map(String::from_utf8_lossy)
                .unwrap_or_default();
            let names: Vec<&str> = body
                .split('&')
                .filter_map(|pair| pair.split('=').next())
                .collect();
            log::debug!(
                "attempt {attempt}: {} {url}\n  headers: {}\n  parameters: {}",
                request.method(),
                headers.join(", "),
                names.join(", ")
            );
        }
        Ok(())
    }

    fn read_after_deserialization(
        &self,
        context: &AfterDeserializationInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> std::result::Result<(), BoxError> {
        let response = context.response();
        let status = response.status().as_u16();
        let body = response.body().bytes().map(<[u8]>::to_vec);
        let mut headers: Vec<(String, String)> = Vec::new();
        for (name, value) in response.headers().iter() {
            let name = name.to_ascii_lowercase();
            match headers.iter_mut().find(|(seen, _)| *seen == name) {
                Some((_, joined)) => {
                    joined.push_str(", ");
                    joined.push_str(value);
                }
                None => headers.push((name, value.to_string())),
            }
        }
        let size = body.as_ref().map_or(0, Vec::len);
        log::debug!("  answer: HTTP {status}, {size} bytes");
        self.with(|x| {
            x.status = Some(status);
            x.headers = headers;
            x.body = body;
        });
        Ok(())
    }
}
