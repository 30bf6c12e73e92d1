//! A guard in front of the JSON-RPC transport: every incoming frame is checked to be JSON before
//! the server sees it. A malformed frame is answered with a parse error (-32700, id null) and
//! dropped, so a broken message never ends the session (the framed reader underneath stops at
//! its first decoding error). The guard also notes an `exit` notification, for the exit code.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

/// Largest message accepted (a whole workspace edit fits many times over).
const MAX_BODY: usize = 256 << 20;

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ended {
    /// The client sent `exit` (else it closed the input).
    pub exit: bool,
    /// The client sent `shutdown` before.
    pub shutdown: bool,
}

impl Ended {
    /// The process exit code: 1 for an `exit` without `shutdown`, else 0.
    pub fn exit_code(self) -> u8 {
        if self.exit && !self.shutdown { 1 } else { 0 }
    }
}

/// One frame read from the client.
enum Frame {
    /// A message, and whether it is the `exit` notification.
    Body(Vec<u8>, bool),
    Malformed,
    Eof,
}

async fn read_frame<R: AsyncRead + Unpin>(r: &mut BufReader<R>) -> std::io::Result<Frame> {
    let mut len: Option<usize> = None;
    let mut bad = false;
    let mut any = false;
    loop {
        let mut line = Vec::new();
        let n = r.read_until(b'\n', &mut line).await?;
        if n == 0 {
            return Ok(Frame::Eof);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if !any {
                continue; // stray blank line between frames
            }
            break;
        }
        any = true;
        match text.split_once(':') {
            Some((k, v)) if k.trim().eq_ignore_ascii_case("content-length") => {
                match v.trim().parse::<usize>() {
                    Ok(l) if l <= MAX_BODY => len = Some(l),
                    _ => bad = true,
                }
            }
            Some(_) => {}
            None => bad = true,
        }
    }
    let Some(len) = len else {
        return Ok(Frame::Malformed);
    };
    let mut body = vec![0; len];
    r.read_exact(&mut body).await?;
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(&body) else {
        return Ok(Frame::Malformed);
    };
    if bad {
        return Ok(Frame::Malformed);
    }
    let exit = v.get("method").and_then(|m| m.as_str()) == Some("exit") && v.get("id").is_none();
    Ok(Frame::Body(body, exit))
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

const PARSE_ERROR: &str =
    r#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}"#;

/// Serve the language server over `input`/`output`, answering malformed frames with parse
/// errors. Returns when the client closes `input` or sends `exit` (even with `input` still open).
pub async fn serve<I, O>(input: I, mut output: O) -> Ended
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (service, socket) = super::service();
    let shut_down = service.inner().shut_down();
    let exit = Arc::new(AtomicBool::new(false));
    let exit_seen = exit.clone();
    let (mut to_server, server_in) = tokio::io::duplex(1 << 20);
    let (server_out, from_server) = tokio::io::duplex(1 << 20);
    let (tx, mut rx) = mpsc::unbounded_channel::<Vec<u8>>();
    let server =
        tokio::spawn(tower_lsp_server::Server::new(server_in, server_out, socket).serve(service));
    let errors = tx.clone();
    let reader = tokio::spawn(async move {
        let mut input = BufReader::new(input);
        loop {
            match read_frame(&mut input).await {
                Ok(Frame::Body(b, exit)) => {
                    if exit {
                        exit_seen.store(true, Ordering::SeqCst);
                    }
                    if to_server.write_all(&frame(&b)).await.is_err() {
                        break;
                    }
                    let _ = to_server.flush().await;
                }
                Ok(Frame::Malformed) => {
                    eprintln!("switchboard lsp: malformed message answered with a parse error");
                    let _ = errors.send(frame(PARSE_ERROR.as_bytes()));
                }
                Ok(Frame::Eof) | Err(_) => break,
            }
        }
        let _ = to_server.shutdown().await;
    });
    let forward = tokio::spawn(async move {
        let mut from_server = BufReader::new(from_server);
        while let Ok(Frame::Body(b, _)) = read_frame(&mut from_server).await {
            if tx.send(frame(&b)).is_err() {
                break;
            }
        }
    });
    let writer = tokio::spawn(async move {
        while let Some(f) = rx.recv().await {
            if output.write_all(&f).await.is_err() {
                break;
            }
            let _ = output.flush().await;
        }
    });
    let _ = server.await;
    reader.abort();
    let _ = forward.await;
    let _ = writer.await;
    Ended {
        exit: exit.load(Ordering::SeqCst),
        shutdown: shut_down.load(Ordering::SeqCst),
    }
}
