//! `switchboard lsp`: the language server. The only layer that knows the protocol; every answer
//! comes from [`crate::ide`] over an analysed snapshot of the project.
//!
//! All state sits behind one mutex. Text changes are applied synchronously at the top of their
//! handler, before any `await`, so edits never reorder. Requests rebuild a stale snapshot first,
//! so they always see every edit received before them. Diagnostics are either pushed, as soon as
//! the change handlers queued so far have run (a burst of keystrokes costs one analysis) and only
//! for files whose diagnostics changed, or pulled by the client, whichever it supports
//! ([`capabilities`]). A request on a file of no project gets an empty answer, not an error.
//! One request of its own, `switchboard/routingGraph` ([`graph`]).

pub mod capabilities;
pub mod convert;
pub mod diagnostics;
pub mod discover;
pub mod graph;
pub mod state;
pub mod transport;

use crate::analysis::index::SymbolKind;
use crate::ide::{self, ActionKind, CompletionKind};
use crate::source::{ColumnUnit, FileId, Span};
use capabilities::{ClientModel, token_type};
use convert::{offset, range, uri_of};
pub use diagnostics::publish;
use serde_json::Value;
use state::{Doc, Snap, State};
use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService};

/// The language server.
pub struct Backend {
    client: Client,
    state: Arc<Mutex<State>>,
    /// Held by a publish from computing its diagnostics until the last is sent: publishes
    /// overlap when changes arrive quickly, and an older one's notifications must not reach the
    /// client after a newer one's.
    publishing: Arc<tokio::sync::Mutex<()>>,
    /// A `workspace/diagnostic/refresh` is due (pull model; several changes send one).
    refresh_due: Arc<AtomicBool>,
    /// The client sent `shutdown` (so `exit` ends the process with code 0).
    shut_down: Arc<AtomicBool>,
}

/// Serve LSP over stdin/stdout until the client exits: exit code 0, or 1 for an `exit` without
/// `shutdown` before it.
pub fn run() -> std::process::ExitCode {
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let ended = rt.block_on(transport::serve(tokio::io::stdin(), tokio::io::stdout()));
    // Not waiting for the runtime's threads: the one reading stdin stays blocked in `read`
    // while the client keeps stdin open, and would hold the process forever.
    rt.shutdown_background();
    std::process::ExitCode::from(ended.exit_code())
}

/// The service, for stdio or for driving in-process.
pub fn service() -> (LspService<Backend>, tower_lsp_server::ClientSocket) {
    LspService::build(|client| Backend {
        client,
        state: Arc::new(Mutex::new(State::default())),
        publishing: Arc::new(tokio::sync::Mutex::new(())),
        refresh_due: Arc::new(AtomicBool::new(false)),
        shut_down: Arc::new(AtomicBool::new(false)),
    })
    .custom_method(graph::METHOD, Backend::routing_graph)
    .finish()
}

fn lock(m: &Mutex<State>) -> MutexGuard<'_, State> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The path of a `file:` URI (any other scheme, such as `untitled:`, is invalid).
fn path_of(uri: &Uri) -> Result<PathBuf> {
    let file = uri.scheme().as_str().eq_ignore_ascii_case("file");
    file.then(|| uri.to_file_path())
        .flatten()
        .map(|p| p.into_owned())
        .ok_or_else(|| Error::invalid_params(format!("not a file URI: {}", uri.as_str())))
}

/// `RequestFailed` (-32803): the request was valid but cannot be carried out (a refused rename).
fn request_failed(message: String) -> Error {
    Error {
        code: ErrorCode::ServerError(-32803),
        message: message.into(),
        data: None,
    }
}

/// Run an IDE computation; a panic becomes an internal error instead of killing the server.
fn guarded<T>(what: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    match std::panic::catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(e) => {
            let msg = e
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| e.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            eprintln!("switchboard lsp: {what} panicked: {msg}");
            Err(Error {
                code: ErrorCode::InternalError,
                message: format!("{what} failed: {msg}").into(),
                data: None,
            })
        }
    }
}

/// What a request works on: the snapshot, the file, the position unit.
struct Ctx {
    snap: Arc<Snap>,
    file: FileId,
    unit: ColumnUnit,
}

impl Ctx {
    fn src(&self) -> &crate::source::SourceFile {
        self.snap.project.file(self.file)
    }
    fn offset(&self, pos: Position) -> Result<u32> {
        offset(self.src(), pos, self.unit).ok_or_else(|| {
            Error::invalid_params(format!(
                "position {}:{} is outside the document",
                pos.line, pos.character
            ))
        })
    }
    fn range(&self, file: FileId, span: Span) -> Range {
        range(self.snap.project.file(file), span, self.unit)
    }
    fn location(&self, l: ide::Loc) -> Option<Location> {
        let f = self.snap.project.files.get(l.file.0 as usize)?;
        Some(Location {
            uri: uri_of(&f.path)?,
            range: range(f, l.span, self.unit),
        })
    }
}

fn symbol_kind(k: SymbolKind) -> tower_lsp_server::ls_types::SymbolKind {
    use tower_lsp_server::ls_types::SymbolKind as S;
    match k {
        SymbolKind::Handoff => S::EVENT,
        SymbolKind::Function | SymbolKind::FlowFunction => S::FUNCTION,
        SymbolKind::Attribute => S::PROPERTY,
        SymbolKind::Variable => S::VARIABLE,
        SymbolKind::SmsTemplate | SymbolKind::Translation => S::STRING,
        SymbolKind::Entity => S::ENUM_MEMBER,
        SymbolKind::Step => S::CLASS,
        SymbolKind::Flow => S::NAMESPACE,
        SymbolKind::ApiIntegration => S::MODULE,
    }
}

impl Backend {
    fn state(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }

    /// The snapshot for a document; `None` for a file of no project (its requests get empty
    /// answers). Yields first, so a request cancelled while queued (`$/cancelRequest`) is
    /// dropped before any analysis runs.
    async fn ctx(&self, uri: &Uri) -> Result<Option<Ctx>> {
        tokio::task::yield_now().await;
        let path = path_of(uri)?;
        let mut st = self.state();
        let unit = st.encoding;
        let found = guarded("analysis", || Ok(st.snapshot_for(&path)))?;
        Ok(found.map(|(snap, file)| Ctx { snap, file, unit }))
    }

    /// After a change: in the push model, recompute and push diagnostics once the messages
    /// already queued have been handled, unless another change came in meanwhile (its own
    /// publish then covers this one). In the pull model the client pulls after its own edits;
    /// `on_disk` (files changed behind its back) asks it to pull again.
    fn schedule(&self, on_disk: bool) {
        let (generation, pull, refresh) = {
            let st = self.state();
            (st.generation, st.pull_diagnostics, st.diagnostic_refresh)
        };
        let client = self.client.clone();
        if pull {
            if !(on_disk && refresh) {
                return;
            }
            self.refresh_due.store(true, Ordering::SeqCst);
            let due = self.refresh_due.clone();
            tokio::spawn(async move {
                tokio::task::yield_now().await;
                if due.swap(false, Ordering::SeqCst) {
                    let _ = client.workspace_diagnostic_refresh().await;
                }
            });
            return;
        }
        let state = self.state.clone();
        let publishing = self.publishing.clone();
        tokio::spawn(async move {
            tokio::task::yield_now().await;
            let _turn = publishing.lock().await;
            if lock(&state).generation != generation {
                return;
            }
            publish(&state, &client).await;
        });
    }

    /// The shared flag set by `shutdown`.
    pub fn shut_down(&self) -> Arc<AtomicBool> {
        self.shut_down.clone()
    }
}

fn settings_inlay(v: &Value) -> Option<bool> {
    v.get("inlayHints")
        .or_else(|| v.get("switchboard").and_then(|s| s.get("inlayHints")))
        .and_then(|b| {
            b.as_bool()
                .or_else(|| b.get("enabled").and_then(Value::as_bool))
        })
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let client = ClientModel::of(&params.capabilities);
        let mut roots: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
            .collect();
        #[allow(deprecated)]
        if roots.is_empty()
            && let Some(p) = params.root_uri.as_ref().and_then(|u| u.to_file_path())
        {
            roots.push(p.into_owned());
        }
        {
            let mut st = self.state();
            st.encoding = if client.utf8 {
                ColumnUnit::Utf8
            } else {
                ColumnUnit::Utf16
            };
            if let Some(b) = params
                .initialization_options
                .as_ref()
                .and_then(settings_inlay)
            {
                st.inlay_hints = b;
            }
            st.dynamic_watchers = client.dynamic_watchers;
            st.pull_diagnostics = client.pull_diagnostics;
            st.diagnostic_refresh = client.diagnostic_refresh;
            st.roots = roots;
            st.rescan();
        }
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "switchboard".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            capabilities: capabilities::server_capabilities(client),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let watchers = ["**/*.yaml", "**/*.yml", "**/*.txt", "**/*.py"]
            .iter()
            .map(|g| FileSystemWatcher {
                glob_pattern: GlobPattern::String(g.to_string()),
                kind: None,
            })
            .collect();
        let reg = Registration {
            id: "switchboard-watch".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
                watchers,
            })
            .ok(),
        };
        self.schedule(false);
        if !self.state().dynamic_watchers {
            return;
        }
        if let Err(e) = self.client.register_capability(vec![reg]).await {
            eprintln!(
                "switchboard lsp: file watchers not registered: {}",
                e.message
            );
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.shut_down.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let Ok(path) = path_of(&params.text_document.uri) else {
            return;
        };
        {
            let mut st = self.state();
            st.docs.insert(
                path.clone(),
                Doc::new(&params.text_document.text, params.text_document.version),
            );
            st.ensure_project(&path);
            st.touch(&path);
            // Push model: a client may drop diagnostics for files it has not opened (eglot
            // does), so an opened file's are sent again even when they did not change.
            st.published.remove(&path);
        }
        self.schedule(false);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let Ok(path) = path_of(&params.text_document.uri) else {
            return;
        };
        {
            let mut st = self.state();
            let unit = st.encoding;
            let Some(doc) = st.docs.get_mut(&path) else {
                return;
            };
            for c in params.content_changes {
                if !doc.apply_change(c.range, &c.text, unit) {
                    eprintln!("switchboard lsp: change outside the document ignored");
                }
            }
            doc.version = params.text_document.version;
            doc.refresh();
            st.touch(&path);
        }
        self.schedule(false);
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        if let Ok(path) = path_of(&params.text_document.uri) {
            let mut st = self.state();
            if let Some(i) = st.project_of(&path)
                && let Some(rel) = st.projects[i].rel(&path)
            {
                st.projects[i].invalidate(&rel, false);
            }
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let Ok(path) = path_of(&params.text_document.uri) else {
            return;
        };
        {
            let mut st = self.state();
            st.docs.remove(&path);
            if let Some(i) = st.project_of(&path)
                && let Some(rel) = st.projects[i].rel(&path)
            {
                st.projects[i].invalidate(&rel, true);
            }
            st.touch(&path);
        }
        // The file is read from disk again, which other open files may see.
        self.schedule(true);
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        {
            let mut st = self.state();
            let mut rescan = false;
            for ev in params.changes {
                let Ok(path) = path_of(&ev.uri) else { continue };
                // A file created or deleted may make or unmake a project root (`project.yaml`,
                // the first or last file of `config/`, `topics/`, ...).
                if ev.typ != FileChangeType::CHANGED {
                    rescan = true;
                }
                if let Some(i) = st.project_of(&path)
                    && let Some(rel) = st.projects[i].rel(&path)
                {
                    st.projects[i].invalidate(&rel, ev.typ != FileChangeType::CHANGED);
                }
                st.generation += 1;
            }
            if rescan {
                st.rescan();
            }
        }
        self.schedule(true);
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        if let Some(b) = settings_inlay(&params.settings) {
            self.state().inlay_hints = b;
            let _ = self.client.inlay_hint_refresh().await;
        }
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let tdp = &params.text_document_position;
        let Some(cx) = self.ctx(&tdp.text_document.uri).await? else {
            return Ok(None);
        };
        let off = cx.offset(tdp.position)?;
        let items = guarded("completion", || {
            Ok(ide::completions(
                &cx.snap.project,
                cx.snap.analysis(),
                cx.file,
                off,
            ))
        })?;
        let items: Vec<CompletionItem> = items
            .into_iter()
            .enumerate()
            .map(|(i, c)| CompletionItem {
                label: c.label.clone(),
                kind: Some(match c.kind {
                    CompletionKind::RefKind => CompletionItemKind::KEYWORD,
                    CompletionKind::Key => CompletionItemKind::PROPERTY,
                    CompletionKind::Value => CompletionItemKind::ENUM_MEMBER,
                    CompletionKind::Symbol(SymbolKind::Handoff) => CompletionItemKind::EVENT,
                    CompletionKind::Symbol(SymbolKind::Function | SymbolKind::FlowFunction) => {
                        CompletionItemKind::FUNCTION
                    }
                    CompletionKind::Symbol(SymbolKind::Variable) => CompletionItemKind::VARIABLE,
                    CompletionKind::Symbol(_) => CompletionItemKind::REFERENCE,
                }),
                detail: c.detail,
                documentation: c.documentation.map(|d| {
                    Documentation::MarkupContent(MarkupContent {
                        kind: MarkupKind::Markdown,
                        value: d,
                    })
                }),
                sort_text: Some(format!("{i:04}")),
                filter_text: Some(c.label),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                    range: cx.range(cx.file, c.replace),
                    new_text: c.insert,
                })),
                ..Default::default()
            })
            .collect();
        Ok(Some(CompletionResponse::Array(items)))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let tdp = &params.text_document_position_params;
        let Some(cx) = self.ctx(&tdp.text_document.uri).await? else {
            return Ok(None);
        };
        let off = cx.offset(tdp.position)?;
        let h = guarded("hover", || {
            Ok(ide::hover(
                &cx.snap.project,
                cx.snap.analysis(),
                cx.file,
                off,
            ))
        })?;
        Ok(h.map(|(span, md)| Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: md,
            }),
            range: Some(cx.range(cx.file, span)),
        }))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let tdp = &params.text_document_position_params;
        let Some(cx) = self.ctx(&tdp.text_document.uri).await? else {
            return Ok(None);
        };
        let off = cx.offset(tdp.position)?;
        let locs = guarded("definition", || {
            Ok(ide::definition(
                &cx.snap.project,
                cx.snap.analysis(),
                cx.file,
                off,
            ))
        })?;
        let locs: Vec<Location> = locs.into_iter().filter_map(|l| cx.location(l)).collect();
        Ok(if locs.is_empty() {
            None
        } else {
            Some(GotoDefinitionResponse::Array(locs))
        })
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let tdp = &params.text_document_position;
        let Some(cx) = self.ctx(&tdp.text_document.uri).await? else {
            return Ok(None);
        };
        let off = cx.offset(tdp.position)?;
        let locs = guarded("references", || {
            Ok(ide::references(
                &cx.snap.project,
                cx.snap.analysis(),
                cx.file,
                off,
                params.context.include_declaration,
            ))
        })?;
        Ok(Some(
            locs.into_iter().filter_map(|l| cx.location(l)).collect(),
        ))
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        let tdp = &params.text_document_position_params;
        let Some(cx) = self.ctx(&tdp.text_document.uri).await? else {
            return Ok(None);
        };
        let off = cx.offset(tdp.position)?;
        let hs = guarded("highlight", || {
            Ok(ide::highlights(
                &cx.snap.project,
                cx.snap.analysis(),
                cx.file,
                off,
            ))
        })?;
        Ok(Some(
            hs.into_iter()
                .map(|(span, write)| DocumentHighlight {
                    range: cx.range(cx.file, span),
                    kind: Some(if write {
                        DocumentHighlightKind::WRITE
                    } else {
                        DocumentHighlightKind::READ
                    }),
                })
                .collect(),
        ))
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let Some(cx) = self.ctx(&params.text_document.uri).await? else {
            return Ok(None);
        };
        let off = cx.offset(params.position)?;
        let r = guarded("prepareRename", || {
            Ok(ide::prepare_rename(
                &cx.snap.project,
                cx.snap.analysis(),
                cx.file,
                off,
            ))
        })?;
        match r {
            Ok((span, name)) => Ok(Some(PrepareRenameResponse::RangeWithPlaceholder {
                range: cx.range(cx.file, span),
                placeholder: name,
            })),
            Err(msg) => Err(request_failed(msg)),
        }
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let tdp = &params.text_document_position;
        let Some(cx) = self.ctx(&tdp.text_document.uri).await? else {
            return Ok(None);
        };
        let off = cx.offset(tdp.position)?;
        let plan = guarded("rename", || {
            ide::rename(
                &cx.snap.project,
                cx.snap.analysis(),
                cx.file,
                off,
                &params.new_name,
            )
            .map_err(request_failed)
        })?;
        let p = &cx.snap.project;
        if plan.file_renames.is_empty() {
            return Ok(Some(WorkspaceEdit {
                changes: Some(convert::text_edits(p, &plan.edits, cx.unit)),
                ..Default::default()
            }));
        }
        let versions: HashMap<PathBuf, i32> = self
            .state()
            .docs
            .iter()
            .map(|(p, d)| (p.clone(), d.version))
            .collect();
        let mut ops: Vec<DocumentChangeOperation> = Vec::new();
        let mut by_file: Vec<FileId> = plan.edits.iter().map(|e| e.file).collect();
        by_file.dedup();
        for f in by_file {
            let src = p.file(f);
            let Some(uri) = uri_of(&src.path) else {
                continue;
            };
            ops.push(DocumentChangeOperation::Edit(TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri,
                    version: versions.get(&src.path).copied(),
                },
                edits: plan
                    .edits
                    .iter()
                    .filter(|e| e.file == f)
                    .map(|e| {
                        OneOf::Left(TextEdit {
                            range: range(src, e.span, cx.unit),
                            new_text: e.replacement.clone(),
                        })
                    })
                    .collect(),
            }));
        }
        for (f, new_rel) in &plan.file_renames {
            let src = p.file(*f);
            let (Some(old), Some(new)) = (uri_of(&src.path), uri_of(&p.root.join(new_rel))) else {
                continue;
            };
            ops.push(DocumentChangeOperation::Op(ResourceOp::Rename(
                RenameFile {
                    old_uri: old,
                    new_uri: new,
                    options: None,
                    annotation_id: None,
                },
            )));
        }
        Ok(Some(WorkspaceEdit {
            document_changes: Some(DocumentChanges::Operations(ops)),
            ..Default::default()
        }))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some(cx) = self.ctx(&params.text_document.uri).await? else {
            return Ok(None);
        };
        let start = cx.offset(params.range.start)?;
        let end = cx.offset(params.range.end)?;
        let actions = guarded("codeAction", || {
            Ok(ide::code_actions(
                &cx.snap.project,
                cx.snap.analysis(),
                cx.file,
                Span::new(start.min(end), end.max(start)),
            ))
        })?;
        let only = params.context.only.clone();
        let wanted = |k: &CodeActionKind| {
            only.as_ref()
                .is_none_or(|o| o.iter().any(|w| k.as_str().starts_with(w.as_str())))
        };
        let p = &cx.snap.project;
        let mut out = Vec::new();
        for a in actions {
            let kind = match a.kind {
                ActionKind::QuickFix => CodeActionKind::QUICKFIX,
                ActionKind::SourceFixAll => CodeActionKind::SOURCE_FIX_ALL,
            };
            if !wanted(&kind) {
                continue;
            }
            let diagnostics = a
                .diagnostic
                .map(|i| vec![convert::diagnostic(p, &cx.snap.diagnostics[i], cx.unit)]);
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: a.title,
                kind: Some(kind),
                diagnostics,
                edit: Some(WorkspaceEdit {
                    changes: Some(convert::text_edits(p, &a.edits, cx.unit)),
                    ..Default::default()
                }),
                is_preferred: a.preferred.then_some(true),
                ..Default::default()
            }));
        }
        Ok(Some(out))
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        let Some(cx) = self.ctx(&params.text_document.uri).await? else {
            return Ok(None);
        };
        let toks = guarded("semanticTokens", || {
            Ok(ide::semantic_tokens(
                &cx.snap.project,
                cx.snap.analysis(),
                cx.file,
            ))
        })?;
        let src = cx.src();
        let mut data = Vec::new();
        let (mut pl, mut pc) = (0u32, 0u32);
        for t in toks {
            let r = range(src, t.span, cx.unit);
            if r.start.line != r.end.line {
                continue;
            }
            let dl = r.start.line - pl;
            let dc = if dl == 0 {
                r.start.character - pc
            } else {
                r.start.character
            };
            data.push(SemanticToken {
                delta_line: dl,
                delta_start: dc,
                length: r.end.character - r.start.character,
                token_type: token_type(t.kind),
                token_modifiers_bitset: if t.resolved { 0 } else { 1 },
            });
            pl = r.start.line;
            pc = r.start.character;
        }
        Ok(Some(SemanticTokensResult::Tokens(SemanticTokens {
            result_id: None,
            data,
        })))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(cx) = self.ctx(&params.text_document.uri).await? else {
            return Ok(None);
        };
        let syms = guarded("documentSymbol", || {
            Ok(ide::document_symbols(
                &cx.snap.project,
                cx.snap.analysis(),
                cx.file,
            ))
        })?;
        #[allow(deprecated)]
        let out = syms
            .into_iter()
            .map(|s| DocumentSymbol {
                name: s.name,
                detail: s.detail,
                kind: symbol_kind(s.kind),
                tags: None,
                deprecated: None,
                range: cx.range(s.file, s.span.cover(s.selection)),
                selection_range: cx.range(s.file, s.selection),
                children: None,
            })
            .collect();
        Ok(Some(DocumentSymbolResponse::Nested(out)))
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let (snaps, unit) = {
            let mut st = self.state();
            let unit = st.encoding;
            (guarded("analysis", || Ok(st.snapshots()))?, unit)
        };
        let mut out = Vec::new();
        for s in snaps {
            let syms = guarded("workspaceSymbol", || {
                Ok(ide::workspace_symbols(
                    &s.project,
                    s.analysis(),
                    &params.query,
                ))
            })?;
            for sym in syms {
                let f = s.project.file(sym.file);
                let Some(uri) = uri_of(&f.path) else { continue };
                #[allow(deprecated)]
                out.push(SymbolInformation {
                    name: sym.name,
                    kind: symbol_kind(sym.kind),
                    tags: None,
                    deprecated: None,
                    location: Location {
                        uri,
                        range: range(f, sym.selection, unit),
                    },
                    container_name: Some(f.rel.clone()),
                });
            }
        }
        Ok(Some(WorkspaceSymbolResponse::Flat(out)))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        if !self.state().inlay_hints {
            return Ok(Some(Vec::new()));
        }
        let Some(cx) = self.ctx(&params.text_document.uri).await? else {
            return Ok(None);
        };
        let src = cx.src();
        let start = offset(src, params.range.start, cx.unit).unwrap_or(0);
        let end = offset(src, params.range.end, cx.unit).unwrap_or(src.text.len() as u32);
        let hints = guarded("inlayHint", || {
            Ok(ide::inlay_hints(
                &cx.snap.project,
                cx.snap.analysis(),
                cx.file,
                Span::new(start, end),
            ))
        })?;
        Ok(Some(
            hints
                .into_iter()
                .map(|(off, label)| InlayHint {
                    position: convert::position(src, off, cx.unit),
                    label: InlayHintLabel::String(label),
                    kind: None,
                    text_edits: None,
                    tooltip: None,
                    padding_left: Some(true),
                    padding_right: None,
                    data: None,
                })
                .collect(),
        ))
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let previous = params.previous_result_id.as_deref();
        let Some(cx) = self.ctx(&params.text_document.uri).await? else {
            return Ok(diagnostics::empty_report(previous));
        };
        Ok(diagnostics::document_report(
            &cx.snap, cx.file, cx.unit, previous,
        ))
    }

    async fn workspace_diagnostic(
        &self,
        params: WorkspaceDiagnosticParams,
    ) -> Result<WorkspaceDiagnosticReportResult> {
        tokio::task::yield_now().await;
        let mut st = self.state();
        let unit = st.encoding;
        let snaps = guarded("analysis", || Ok(st.snapshots()))?;
        let report = guarded("workspaceDiagnostic", || {
            Ok(diagnostics::workspace_report(
                &snaps,
                unit,
                &st.docs,
                &params.previous_result_ids,
            ))
        })?;
        Ok(WorkspaceDiagnosticReportResult::Report(report))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_handler_becomes_an_internal_error() {
        let r: Result<u32> = guarded("test", || panic!("boom"));
        let e = r.unwrap_err();
        assert_eq!(e.code, ErrorCode::InternalError);
        assert_eq!(e.message, "test failed: boom");
        let ok: Result<u32> = guarded("test", || Ok(7));
        assert_eq!(ok.unwrap(), 7);
    }

    #[test]
    fn a_poisoned_state_lock_still_serves() {
        let m = Arc::new(Mutex::new(State::default()));
        let m2 = m.clone();
        let _ = std::thread::spawn(move || {
            let _g = m2.lock().unwrap();
            panic!("poison");
        })
        .join();
        assert!(m.is_poisoned());
        assert_eq!(lock(&m).generation, 0);
    }
}
