#![no_main]
//! The user configuration loader: any `copydesk.toml` text either applies or
//! is rejected with an error naming the file; building the engine from the
//! result either works or fails cleanly.

use copydesk::{Config, Engine};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut config = Config::default_config();
    match config.apply_user("copydesk.toml", text) {
        Ok(()) => {
            let _ = Engine::new(&config);
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(msg.starts_with("copydesk.toml"), "error does not name the file: {msg}");
        }
    }
});
