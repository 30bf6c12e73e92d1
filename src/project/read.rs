//! Reading files: a file's bytes, bounded in size, decoded as UTF-8 text.

use std::path::Path;

/// Largest file read; a larger one gets SB009 and is skipped.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Read a file as UTF-8 text. Errors are prefixed with the code they map to.
///
/// Meant for regular files (discovery lists only those): their reads come back short only at
/// the end, so a file that fits the buffer is read with one `read` and no `fstat` (system calls
/// are a good part of a small project's time).
pub fn read_text(path: &Path) -> Result<String, String> {
    use std::io::Read;
    /// Bytes a thread's buffer starts with: most project files fit, and each page of it costs
    /// a page fault when it is first zeroed (a 64 KiB start cost 16 faults per thread).
    const START: usize = 8 * 1024;
    /// Bytes a thread's buffer keeps between files, once a larger file has grown it.
    const KEEP: usize = 64 * 1024;
    thread_local! {
        static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let err = |e: std::io::Error| format!("SB003 cannot read file: {e}");
    let mut file = std::fs::File::open(path).map_err(err)?;
    let limit = MAX_FILE_BYTES as usize + 1;
    let bytes = BUF.with_borrow_mut(|buf| {
        if buf.len() < START {
            buf.resize(START, 0);
        }
        let mut n = 0;
        let read = loop {
            if n == buf.len() {
                if n >= limit {
                    break Ok(());
                }
                buf.resize((n * 2).min(limit), 0);
            }
            match file.read(&mut buf[n..]) {
                Ok(0) => break Ok(()),
                Ok(k) => {
                    n += k;
                    if n < buf.len() {
                        break Ok(());
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => break Err(e),
            }
        };
        let bytes = read.map(|()| buf[..n].to_vec());
        if buf.len() > KEEP {
            buf.truncate(KEEP);
            buf.shrink_to(KEEP);
        }
        bytes
    });
    let bytes = bytes.map_err(err)?;
    if bytes.len() > MAX_FILE_BYTES as usize {
        return Err(match file.metadata() {
            Ok(m) => format!(
                "SB009 file is {} bytes, over the {MAX_FILE_BYTES} byte limit: skipped",
                m.len()
            ),
            Err(_) => format!("SB009 file is over the {MAX_FILE_BYTES} byte limit: skipped"),
        });
    }
    utf8(bytes)
}

fn utf8(bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "SB002 file is not valid UTF-8 (invalid byte at offset {}): skipped",
            e.utf8_error().valid_up_to()
        )
    })
}
