//! What is negotiated at `initialize`: what the client can do, the capabilities the server
//! advertises in return, and the semantic token legend.
//!
//! Diagnostics follow one model per client, never both: a client that can pull diagnostics for
//! documents (`textDocument.diagnostic`) and for the workspace (`workspace.diagnostics`) pulls
//! them (the server advertises `diagnosticProvider` with workspace diagnostics and publishes
//! nothing); any other client gets every file's diagnostics pushed (`publishDiagnostics`) and no
//! `diagnosticProvider`. A client keeping both would list every finding twice.

use crate::analysis::index::SymbolKind;
use tower_lsp_server::ls_types::*;

/// What the server takes from the client's capabilities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClientModel {
    /// Positions in UTF-8 bytes (else UTF-16 code units).
    pub utf8: bool,
    /// Diagnostics are pulled by the client (else pushed by the server).
    pub pull_diagnostics: bool,
    /// The client accepts `workspace/diagnostic/refresh`.
    pub diagnostic_refresh: bool,
    /// The client accepts file watchers registered at run time.
    pub dynamic_watchers: bool,
}

impl ClientModel {
    pub fn of(caps: &ClientCapabilities) -> ClientModel {
        let utf8 = caps
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8));
        let workspace = caps.workspace.as_ref();
        let document_pull = caps
            .text_document
            .as_ref()
            .is_some_and(|t| t.diagnostic.is_some());
        let workspace_pull = workspace.and_then(|w| w.diagnostics.as_ref());
        let pull_diagnostics = document_pull && workspace_pull.is_some();
        ClientModel {
            utf8,
            pull_diagnostics,
            diagnostic_refresh: pull_diagnostics
                && workspace_pull.and_then(|d| d.refresh_support) == Some(true),
            dynamic_watchers: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
        }
    }
}

/// The semantic token types, indexed by [`token_type`]. Standard types only, chosen so that the
/// default themes (Light+, Light Modern, Dark+, Dark Modern) colour a reference apart from the
/// string around it: YAML strings are blue (`#0000ff`) or red (`#a31515`) in the light themes
/// and salmon (`#ce9178`) in the dark ones, so `variable`, `parameter`, `property`, `event`,
/// `enumMember` (dark blue), `macro` (blue in light themes) and `string` are not used. `keyword`
/// is purple, `function` and `method` brown or pale yellow, the type kinds teal.
/// `editors/vscode/README.md` has the table.
pub const TOKEN_TYPES: &[SemanticTokenType] = &[
    SemanticTokenType::KEYWORD,
    SemanticTokenType::FUNCTION,
    SemanticTokenType::METHOD,
    SemanticTokenType::INTERFACE,
    SemanticTokenType::TYPE_PARAMETER,
    SemanticTokenType::STRUCT,
    SemanticTokenType::ENUM,
    SemanticTokenType::TYPE,
    SemanticTokenType::NAMESPACE,
];

/// The index in [`TOKEN_TYPES`] of a reference to a symbol of this kind.
pub fn token_type(k: SymbolKind) -> u32 {
    match k {
        // A handoff transfers the call: control flow (keyword).
        SymbolKind::Handoff => 0,
        SymbolKind::Function => 1,
        SymbolKind::FlowFunction => 2,
        SymbolKind::Attribute => 3,
        // A `$variable` is a placeholder filled in at run time.
        SymbolKind::Variable => 4,
        SymbolKind::SmsTemplate => 5,
        SymbolKind::Entity => 6,
        SymbolKind::Translation => 7,
        SymbolKind::Step | SymbolKind::Flow | SymbolKind::ApiIntegration => 8,
    }
}

/// Modifier bit 0: the reference does not resolve.
pub const TOKEN_MODIFIERS: &[&str] = &["unresolved"];

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TOKEN_TYPES.to_vec(),
        token_modifiers: TOKEN_MODIFIERS
            .iter()
            .map(|m| SemanticTokenModifier::new(m))
            .collect(),
    }
}

/// The capabilities advertised to a client.
pub fn server_capabilities(client: ClientModel) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(if client.utf8 {
            PositionEncodingKind::UTF8
        } else {
            PositionEncodingKind::UTF16
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(
                ["{", ":", "$", "\"", "'", "<"]
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
            ),
            ..Default::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_highlight_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::SOURCE_FIX_ALL,
            ]),
            ..Default::default()
        })),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: legend(),
                full: Some(SemanticTokensFullOptions::Bool(true)),
                range: None,
                ..Default::default()
            },
        )),
        inlay_hint_provider: Some(OneOf::Left(true)),
        // The server's own request (`switchboard/routingGraph`, docs/lsp.md).
        experimental: Some(serde_json::json!({ "routingGraphProvider": true })),
        diagnostic_provider: client.pull_diagnostics.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("switchboard".into()),
                inter_file_dependencies: true,
                workspace_diagnostics: true,
                work_done_progress_options: Default::default(),
            })
        }),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caps(v: serde_json::Value) -> ClientCapabilities {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn pull_only_with_document_and_workspace_pull() {
        let both = ClientModel::of(&caps(serde_json::json!({
            "textDocument": {"diagnostic": {"dynamicRegistration": true}},
            "workspace": {"diagnostics": {"refreshSupport": true}},
        })));
        assert!(both.pull_diagnostics && both.diagnostic_refresh);
        let document_only = ClientModel::of(&caps(serde_json::json!({
            "textDocument": {"diagnostic": {}},
        })));
        assert!(!document_only.pull_diagnostics && !document_only.diagnostic_refresh);
        let none = ClientModel::of(&caps(serde_json::json!({})));
        assert_eq!(none, ClientModel::default());
        assert!(server_capabilities(none).diagnostic_provider.is_none());
        assert!(server_capabilities(both).diagnostic_provider.is_some());
    }
}
