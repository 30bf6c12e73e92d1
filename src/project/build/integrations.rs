//! Building `config/mcp.yaml` and `config/api_integrations.yaml` as the ADK reads and validates
//! them (polyai-adk 0.73.2, `resources/mcp.py`, `resources/api_integration.py`): an MCP
//! server's URL (SB440), auth (SB441), timeout (SB442), enabled functions (SB443) and provider
//! id (SB444); an API integration's name (SB445), environments (SB446) and operations
//! (SB447); entries the ADK passes over (SB448) or reads twice (SB437); and the shapes that stop
//! the ADK's load (SB004, SB013).

use super::Builder;
use super::channels::entry_value_span;
use super::typed::truthy;
use crate::controls::{ApiIntegration, ApiOperation, McpServer};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{clean_name_keep_case, snake_case};
use crate::source::Span;
use crate::syntax::yaml::{Entry, Node, NodeKind};
use rustc_hash::FxHashMap;

const MCP_KEYS: &[&str] = &["provider_id", "url", "auth", "timeout", "enabled_functions"];
const AUTH_KEYS: &[&str] = &["header", "query_param", "secret_name", "oauth"];
const OAUTH_KEYS: &[&str] = &[
    "client_id",
    "client_secret_name",
    "token_url",
    "audience",
    "scope",
];
const API_KEYS: &[&str] = &["name", "description", "environments", "operations"];
const ENVIRONMENTS: [(&str, &str); 3] = [
    ("sandbox", "sandbox"),
    ("pre_release", "pre-release"),
    ("live", "live"),
];
const ENV_KEYS: &[&str] = &["base_url", "auth_type"];
const OPERATION_KEYS: &[&str] = &["name", "method", "resource", "resource_id", "id"];
/// The HTTP methods an operation may use (`AVAILABLE_OPERATIONS`).
pub const METHODS: &[&str] = &["DELETE", "GET", "PATCH", "POST", "PUT"];
/// The auth types of an environment (`AVAILABLE_AUTH_TYPES`), sorted as the ADK lists them.
pub const AUTH_TYPES: &[&str] = &[
    "apiKey",
    "basic",
    "jwt_client_assertion",
    "none",
    "oauth2",
    "oauth2_client_credentials",
];
/// The timeout range of an MCP server, in seconds.
const TIMEOUT: (i64, i64) = (1, 30);

/// A `str` field the ADK reads as `yaml.get(key) or ""`.
enum Text {
    /// Absent, null or a value Python finds false: the empty string (the span is the value's,
    /// or `None` when the key is absent).
    Empty(Option<Span>),
    Value(String, Span),
    /// A value of another type, already reported (it stops the load).
    Bad,
}

/// The entries of a mapping as `convert_keys_to_snake_case` leaves them: the key converted, a
/// later entry replacing an earlier one with the same converted key.
fn snake_entries(m: &Node) -> Vec<(String, &Entry)> {
    let mut out: Vec<(String, &Entry)> = Vec::new();
    for e in m.entries() {
        let Some(k) = e.key.as_str() else { continue };
        let k = snake_case(k);
        out.retain(|(x, _)| *x != k);
        out.push((k, e));
    }
    out
}

fn snake_get<'n>(entries: &[(String, &'n Entry)], key: &str) -> Option<&'n Entry> {
    entries.iter().find(|(k, _)| k == key).map(|(_, e)| *e)
}

/// `URL_PATTERN` of `resources/mcp.py`: `^https?://[^\s/?#]+[^\s]*$`.
pub fn mcp_url(s: &str) -> bool {
    let Some(rest) = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
    else {
        return false;
    };
    let host_end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, '/' | '?' | '#'))
        .unwrap_or(rest.len());
    host_end > 0 && !rest.contains(char::is_whitespace)
}

/// `URL_PATTERN` of `resources/api_integration.py`: empty, or `^https?://[^\s]+$`.
pub fn base_url(s: &str) -> bool {
    if s.is_empty() {
        return true;
    }
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.contains(char::is_whitespace))
}

/// `OPERATION_RESOURCE_PATTERN`: a path of `/`-led segments of RFC 3986 characters and
/// `{param}` placeholders, then optionally `?` and a query of the same (with `/` and `?`).
pub fn resource_path(s: &str) -> bool {
    fn placeholder(b: &[u8], i: usize) -> Option<usize> {
        // `{[a-zA-Z_][a-zA-Z0-9_]*}`, starting at the `{`; the index after the `}`.
        let first = *b.get(i + 1)?;
        if !(first.is_ascii_alphabetic() || first == b'_') {
            return None;
        }
        let mut j = i + 2;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
            j += 1;
        }
        (b.get(j) == Some(&b'}')).then_some(j + 1)
    }
    let pchar = |c: u8| c.is_ascii_alphanumeric() || b"._~!$&'()*+,;=:@%-".contains(&c);
    let b = s.as_bytes();
    if b.first() != Some(&b'/') {
        return false;
    }
    let mut i = 0;
    let mut query = false;
    while i < b.len() {
        let c = b[i];
        if c == b'{' {
            match placeholder(b, i) {
                Some(j) => i = j,
                None => return false,
            }
            continue;
        }
        let ok = pchar(c) || c == b'/' || (c == b'?' && query);
        if c == b'?' && !query {
            query = true;
        } else if !ok {
            return false;
        }
        i += 1;
    }
    true
}

/// `^[a-z_][a-z0-9_]*$`: the name an API integration has under `conv.api`.
pub fn integration_name(s: &str) -> bool {
    let mut c = s.chars();
    c.next().is_some_and(|f| f.is_ascii_lowercase() || f == '_')
        && c.all(|x| x.is_ascii_lowercase() || x.is_ascii_digit() || x == '_')
}

impl Builder<'_> {
    /// A `str` field read as `yaml.get(key) or ""`, from `entry` (when present).
    fn text_or_empty(&mut self, entry: Option<&Entry>, what: &str) -> Text {
        let Some(e) = entry else {
            return Text::Empty(None);
        };
        let v = &e.value;
        if matches!(v.kind, NodeKind::Alias(_) | NodeKind::Invalid) {
            return Text::Bad;
        }
        if !truthy(v) {
            return Text::Empty(Some(entry_value_span(e)));
        }
        if self.not_a_string(v, &format!("`{what}`")) {
            return Text::Bad;
        }
        match &v.kind {
            NodeKind::Scalar(s) => Text::Value(s.value.clone(), super::value_span(s)),
            _ => {
                self.wrong_type(v, what, "a string");
                Text::Bad
            }
        }
    }

    fn integration_diag(&mut self, code: Code, at: Span, message: String, help: &str) {
        let d = Diagnostic::new(code, self.file, at, message).help(help.to_string());
        self.diag(d);
    }

    /// SB448 (a warning): something the ADK passes over without a word.
    fn ignored(&mut self, at: Span, message: String) {
        let d = Diagnostic::new(Code::SB448, self.file, at, message);
        self.diag(d);
    }

    pub(super) fn mcp_servers(&mut self, root: Option<&Node>) {
        let Some(root) = root.filter(|r| truthy(r)) else {
            return;
        };
        let Some(m) = self.root_map(root) else { return };
        self.check_keys(m, &["mcp_servers"], "mcp.yaml");
        let Some(e) = m.entry("mcp_servers") else {
            return;
        };
        let v = &e.value;
        let items: &[Node] = match &v.kind {
            NodeKind::Seq(items) => items,
            NodeKind::Alias(_) | NodeKind::Invalid => return,
            _ if !truthy(v) => return,
            NodeKind::Map(_) => {
                self.ignored(
                    e.key.span,
                    "`mcp_servers` is a mapping: the ADK reads no server from it".into(),
                );
                return;
            }
            NodeKind::Scalar(_) if v.type_name() == "string" => {
                self.ignored(
                    e.key.span,
                    "`mcp_servers` is text: the ADK reads no server from it".into(),
                );
                return;
            }
            _ => {
                self.wrong_type(v, "mcp_servers", "a list");
                return;
            }
        };
        let mut seen: FxHashMap<String, (String, Span)> = FxHashMap::default();
        for item in items {
            if matches!(item.kind, NodeKind::Alias(_) | NodeKind::Invalid) {
                continue;
            }
            if !matches!(item.kind, NodeKind::Map(_)) {
                self.ignored(
                    item.span,
                    "this MCP server is not a mapping: the ADK skips it".into(),
                );
                continue;
            }
            let p = item.get("provider_id");
            if p.is_none_or(|p| !truthy(p)) {
                self.ignored(
                    item.span,
                    "this MCP server has no `provider_id`: the ADK skips it".into(),
                );
                continue;
            }
            let p = p.expect("checked above");
            if matches!(p.kind, NodeKind::Alias(_) | NodeKind::Invalid)
                || self.not_a_string(p, "`provider_id`")
            {
                continue;
            }
            let Some(provider) = self.string(item, "provider_id") else {
                continue;
            };
            let clean = clean_name_keep_case(&provider.value);
            if clean.is_empty() {
                let d = Diagnostic::new(
                    Code::SB444,
                    self.file,
                    provider.span,
                    format!(
                        "MCP provider id `{}` has no letter or digit: the ADK cannot find the server again",
                        provider.value
                    ),
                )
                .help("name the provider with letters or digits");
                self.diag(d);
                continue;
            }
            if let Some((first, at)) = seen.get(&clean) {
                let d = Diagnostic::new(
                    Code::SB444,
                    self.file,
                    provider.span,
                    if *first == provider.value {
                        format!("duplicate MCP provider id `{first}`")
                    } else {
                        format!(
                            "MCP provider id `{}` is `{first}` once cleaned: the ADK reads them as one duplicate server",
                            provider.value
                        )
                    },
                )
                .label(self.file, *at, "first given here")
                .help("give each server its own provider id, or merge the two");
                self.diag(d);
                continue;
            }
            seen.insert(clean, (provider.value.clone(), provider.span));
            self.mcp_server(item, provider.value, provider.span);
        }
    }

    fn mcp_server(&mut self, m: &Node, provider_id: String, provider_span: Span) {
        self.check_keys(m, MCP_KEYS, "an MCP server");
        let url = match self.text_or_empty(m.entry("url"), "url") {
            Text::Empty(at) => {
                self.integration_diag(
                    Code::SB440,
                    at.unwrap_or(provider_span),
                    format!("MCP server `{provider_id}` has no `url`"),
                    "write the server's address, e.g. `url: https://mcp.example.com/sse`",
                );
                String::new()
            }
            Text::Value(u, at) => {
                if !mcp_url(&u) {
                    self.integration_diag(
                        Code::SB440,
                        at,
                        format!("MCP server url `{u}` is not an http(s) URL"),
                        "write `http://` or `https://`, a host, and optionally a path, with no spaces",
                    );
                }
                u
            }
            Text::Bad => String::new(),
        };
        let auth = m.get("auth").and_then(|a| self.mcp_auth(a));
        let timeout = self.int_field(m, "timeout");
        if let Some(t) = &timeout
            && !(TIMEOUT.0..=TIMEOUT.1).contains(&t.value)
        {
            let d = Diagnostic::new(
                Code::SB442,
                self.file,
                t.span,
                format!(
                    "MCP server timeout {} is out of range: it must be between {} and {} seconds",
                    t.value, TIMEOUT.0, TIMEOUT.1
                ),
            );
            self.diag(d);
        }
        let functions = self.enabled_functions(m);
        self.p.controls.mcp_servers.push(McpServer {
            file: self.file,
            span: m.span,
            provider_id,
            provider_span,
            url,
            auth,
            timeout: timeout.map(|t| t.value),
            enabled_functions: functions,
        });
    }

    /// `enabled_functions`: a list of strings (SB004/SB013 otherwise), none empty or twice
    /// (SB443).
    fn enabled_functions(&mut self, m: &Node) -> Option<Vec<String>> {
        let items = self.list(m, "enabled_functions")?;
        let mut out: Vec<(String, Span)> = Vec::new();
        for item in items {
            if matches!(item.kind, NodeKind::Alias(_) | NodeKind::Invalid) {
                continue;
            }
            if self.not_a_string(item, "an item of `enabled_functions`") {
                continue;
            }
            match &item.kind {
                NodeKind::Scalar(_) if item.is_null() => {
                    self.wrong_type(item, "an item of `enabled_functions`", "a string");
                }
                NodeKind::Scalar(s) => {
                    let span = super::value_span(s);
                    if s.value.is_empty() {
                        let d = Diagnostic::new(
                            Code::SB443,
                            self.file,
                            item.span,
                            "an entry of `enabled_functions` is empty",
                        )
                        .help("name a tool of the server, or remove the entry");
                        self.diag(d);
                    } else if let Some((_, first)) = out.iter().find(|(n, _)| *n == s.value) {
                        let d = Diagnostic::new(
                            Code::SB443,
                            self.file,
                            span,
                            format!("`{}` is listed twice in `enabled_functions`", s.value),
                        )
                        .label(self.file, *first, "first listed here")
                        .help("remove the repeated entry");
                        self.diag(d);
                    }
                    out.push((s.value.clone(), span));
                }
                _ => self.wrong_type(item, "an item of `enabled_functions`", "a string"),
            }
        }
        Some(out.into_iter().map(|(n, _)| n).collect())
    }

    /// An MCP server's `auth`: a mapping (SB004 otherwise) that sets exactly one way to
    /// authenticate (SB441). The way it sets, when it sets one.
    fn mcp_auth(&mut self, a: &Node) -> Option<String> {
        if a.is_null() || matches!(a.kind, NodeKind::Alias(_) | NodeKind::Invalid) {
            return None;
        }
        if !matches!(a.kind, NodeKind::Map(_)) {
            self.wrong_type(a, "auth", "a mapping");
            return None;
        }
        let entries = snake_entries(a);
        for (k, e) in &entries {
            if !AUTH_KEYS.contains(&k.as_str()) {
                self.check_keys_one(e, AUTH_KEYS, "`auth`");
            }
        }
        let field = |b: &mut Self, key: &str| {
            b.text_or_empty(snake_get(&entries, key), &format!("auth.{key}"))
        };
        let header = field(self, "header");
        let query = field(self, "query_param");
        let secret = field(self, "secret_name");
        let oauth = self.mcp_oauth(a.entry("oauth"));
        if [&header, &query, &secret]
            .iter()
            .any(|t| matches!(t, Text::Bad))
        {
            // A value of the wrong type already stops the load.
            return None;
        }
        let set = |t: &Text| matches!(t, Text::Value(..));
        let span_of = |t: &Text| match t {
            Text::Value(_, s) => Some(*s),
            _ => None,
        };
        let mut methods: Vec<(&str, Span)> = Vec::new();
        if let Some(s) = span_of(&header) {
            methods.push(("header", s));
        }
        if let Some(s) = span_of(&query) {
            methods.push(("query_param", s));
        }
        if let Some((s, _)) = &oauth {
            methods.push(("oauth", *s));
        }
        if methods.len() > 1 {
            let names: Vec<String> = methods.iter().map(|(n, _)| format!("`{n}`")).collect();
            let d = Diagnostic::new(
                Code::SB441,
                self.file,
                methods[1].1,
                format!(
                    "`auth` sets {}: an MCP server authenticates one way only",
                    names.join(" and ")
                ),
            )
            .label(self.file, methods[0].1, "also set here")
            .help("keep one of `header`, `query_param` or `oauth`");
            self.diag(d);
        } else if (set(&header) || set(&query)) && !set(&secret) {
            let (name, s) = methods[0];
            self.integration_diag(
                Code::SB441,
                s,
                format!("`auth.{name}` is set but `auth.secret_name` is not"),
                "name the Agent Studio secret whose value is sent, under `secret_name`",
            );
        } else if let Some(s) = span_of(&secret)
            && !(set(&header) || set(&query))
        {
            self.integration_diag(
                Code::SB441,
                s,
                "`auth.secret_name` needs `auth.header` or `auth.query_param`".into(),
                "say where the secret is sent: a header (`header: X-API-Key`) or a query parameter",
            );
        } else if let Some((s, missing)) = &oauth
            && methods.len() == 1
        {
            for (key, problem) in missing {
                self.integration_diag(
                    Code::SB441,
                    problem.unwrap_or(*s),
                    key.clone(),
                    "OAuth needs `client_id`, `client_secret_name` and an http(s) `token_url`",
                );
            }
        }
        methods.first().map(|(n, _)| n.to_string())
    }

    /// SB008 for one unknown key.
    fn check_keys_one(&mut self, e: &Entry, known: &[&str], what: &str) {
        let Some(k) = e.key.as_str() else { return };
        let mut d = Diagnostic::new(
            Code::SB008,
            self.file,
            e.key.span,
            format!("unknown field `{k}` in {what}"),
        );
        if let Some(s) = crate::text::did_you_mean(k, known.iter().copied()) {
            d = d.help(format!("did you mean `{s}`?")).replace_fix(
                format!("rename to `{s}`"),
                e.key.span,
                s,
                false,
            );
        } else {
            d = d.note(format!("known fields: {}", known.join(", ")));
        }
        self.diag(d);
    }

    /// `auth.oauth`: `None` when it sets nothing; else its span and the problems of its
    /// required fields (message, span).
    #[allow(clippy::type_complexity)]
    fn mcp_oauth(&mut self, e: Option<&Entry>) -> Option<(Span, Vec<(String, Option<Span>)>)> {
        let e = e?;
        let o = &e.value;
        if !truthy(o) || matches!(o.kind, NodeKind::Alias(_) | NodeKind::Invalid) {
            return None;
        }
        if !matches!(o.kind, NodeKind::Map(_)) {
            self.wrong_type(o, "auth.oauth", "a mapping");
            return None;
        }
        let entries = snake_entries(o);
        for (k, en) in &entries {
            if !OAUTH_KEYS.contains(&k.as_str()) {
                self.check_keys_one(en, OAUTH_KEYS, "`auth.oauth`");
            }
        }
        let mut any = false;
        let mut problems = Vec::new();
        let mut values: Vec<(String, Text)> = Vec::new();
        for key in OAUTH_KEYS {
            let t = self.text_or_empty(snake_get(&entries, key), &format!("auth.oauth.{key}"));
            any |= matches!(t, Text::Value(..));
            values.push((key.to_string(), t));
        }
        if !any {
            return None;
        }
        for (key, t) in &values[..3] {
            match t {
                Text::Empty(at) => {
                    problems.push((format!("`auth.oauth.{key}` is required"), *at));
                }
                Text::Value(v, at) if key == "token_url" && !mcp_url(v) => {
                    problems.push((
                        format!("`auth.oauth.token_url` `{v}` is not an http(s) URL"),
                        Some(*at),
                    ));
                }
                _ => {}
            }
        }
        Some((e.key.span, problems))
    }

    pub(super) fn api_integrations(&mut self, root: Option<&Node>) {
        let Some(root) = root.filter(|r| truthy(r)) else {
            return;
        };
        let Some(m) = self.root_map(root) else { return };
        self.check_keys(m, &["api_integrations"], "api_integrations.yaml");
        let Some(items) = self.controls_list(m, "api_integrations") else {
            return;
        };
        for item in items {
            if matches!(item.kind, NodeKind::Map(_)) && item.get("name").is_none_or(|n| !truthy(n))
            {
                self.ignored(
                    item.span,
                    "this API integration has no `name`: the ADK skips it".into(),
                );
            }
        }
        for e in self.named_entries(items, "name", "an API integration") {
            if e.first.is_none() && clean_name_keep_case(&e.name).is_empty() {
                let d = Diagnostic::new(
                    Code::SB445,
                    self.file,
                    e.name_span,
                    format!(
                        "API integration name `{}` has no letter or digit: the ADK cannot find the integration again",
                        e.name
                    ),
                )
                .help("name it as a Python identifier, e.g. `crm`");
                self.diag(d);
                continue;
            }
            if self.shadowed(&e, "API integration") {
                continue;
            }
            self.api_integration(e.map, e.name, e.name_span);
        }
    }

    fn api_integration(&mut self, m: &Node, name: String, name_span: Span) {
        self.check_keys(m, API_KEYS, "an API integration");
        if !integration_name(&name) {
            let fixed = {
                let c = clean_name_keep_case(&name).to_lowercase();
                (integration_name(&c) && c.is_ascii()).then_some(c)
            };
            let mut d = Diagnostic::new(
                Code::SB445,
                self.file,
                name_span,
                format!("API integration name `{name}` is not a Python function name"),
            )
            .note("code calls it as `conv.api.<name>`: lower-case letters, digits and `_`, not starting with a digit");
            if let Some(f) = fixed {
                d = d.help(format!("did you mean `{f}`?")).replace_fix(
                    format!("rename to `{f}`"),
                    name_span,
                    f,
                    false,
                );
            }
            self.diag(d);
        }
        let description = self.str_field(m, "description");
        let environments = self.api_environments(m);
        let operations = self.api_operations(m);
        self.p.controls.api_integrations.push(ApiIntegration {
            file: self.file,
            span: m.span,
            name,
            name_span,
            description: description.map(|d| d.value).unwrap_or_default(),
            environments,
            operations,
        });
    }

    /// `environments`: each of `sandbox`, `pre_release` (or `pre-release`) and `live`, a
    /// mapping with an http(s) `base_url` and a known `auth_type` (SB446).
    fn api_environments(&mut self, m: &Node) -> Vec<(String, String, String)> {
        let mut out: Vec<(String, String, String)> = ENVIRONMENTS
            .iter()
            .map(|(e, _)| (e.to_string(), String::new(), "none".to_string()))
            .collect();
        let Some(envs) = m.get("environments") else {
            return out;
        };
        if !truthy(envs) || matches!(envs.kind, NodeKind::Alias(_) | NodeKind::Invalid) {
            return out;
        }
        if !matches!(envs.kind, NodeKind::Map(_)) {
            self.wrong_type(envs, "environments", "a mapping");
            return out;
        }
        for e in envs.entries() {
            if e.key.as_str().is_none() || e.key.type_name() != "string" {
                self.wrong_type(&e.key, "an environment name", "a string");
                return out;
            }
        }
        let entries = snake_entries(envs);
        for (k, e) in &entries {
            if !matches!(
                k.as_str(),
                "sandbox" | "pre_release" | "pre-release" | "live"
            ) {
                self.check_keys_one(e, &["sandbox", "pre-release", "live"], "`environments`");
            }
        }
        for (i, (env, alt)) in ENVIRONMENTS.iter().enumerate() {
            // `data.get("pre_release") or data.get("pre-release")`.
            let e = snake_get(&entries, env)
                .filter(|e| truthy(&e.value))
                .or_else(|| snake_get(&entries, alt));
            let Some(e) = e else { continue };
            if let Some((url, auth)) = self.api_environment(e, env) {
                out[i].1 = url;
                out[i].2 = auth;
            }
        }
        out
    }

    fn api_environment(&mut self, e: &Entry, env: &str) -> Option<(String, String)> {
        let v = &e.value;
        if !truthy(v) || matches!(v.kind, NodeKind::Alias(_) | NodeKind::Invalid) {
            return None;
        }
        if !matches!(v.kind, NodeKind::Map(_)) {
            self.wrong_type(v, env, "a mapping");
            return None;
        }
        let entries = snake_entries(v);
        for (k, en) in &entries {
            if !ENV_KEYS.contains(&k.as_str()) {
                self.check_keys_one(en, ENV_KEYS, &format!("environment `{env}`"));
            }
        }
        let label = format!("environment `{env}`");
        // `data.get("base_url", "")`: null stays `None`, which the ADK's URL check cannot read.
        let url_entry = snake_get(&entries, "base_url");
        let url = match url_entry {
            None => Some((String::new(), e.key.span)),
            Some(u) if u.value.is_null() => {
                self.integration_diag(
                    Code::SB446,
                    u.key.span,
                    format!("{label}: `base_url` is null"),
                    "write the base URL, or `\"\"` when the environment has none",
                );
                None
            }
            Some(u) => {
                if matches!(u.value.kind, NodeKind::Alias(_) | NodeKind::Invalid)
                    || self.not_a_string(&u.value, "`base_url`")
                {
                    None
                } else if let Some(s) = u.value.scalar() {
                    Some((s.value.clone(), entry_value_span(u)))
                } else {
                    self.wrong_type(&u.value, "base_url", "a string");
                    None
                }
            }
        };
        let auth = match self.text_or_empty(snake_get(&entries, "auth_type"), "auth_type") {
            Text::Empty(_) => Some(("none".to_string(), e.key.span)),
            Text::Value(a, at) => Some((a, at)),
            Text::Bad => None,
        };
        if let Some((u, at)) = &url
            && !base_url(u)
        {
            self.integration_diag(
                Code::SB446,
                *at,
                format!("{label}: `base_url` `{u}` is not an http(s) URL"),
                "write `http://` or `https://` and the host, with no spaces",
            );
        }
        if let (Some((u, _)), Some((a, at))) = (&url, &auth)
            && u.is_empty()
            && a != "none"
        {
            self.integration_diag(
                Code::SB446,
                *at,
                format!("{label}: auth type `{a}` needs a `base_url`"),
                "write the environment's base URL, or set `auth_type: none`",
            );
        }
        if let Some((a, at)) = &auth
            && !AUTH_TYPES.contains(&a.as_str())
        {
            let mut d = Diagnostic::new(
                Code::SB446,
                self.file,
                *at,
                format!("{label}: unknown auth type `{a}`"),
            )
            .note(format!("the auth types: {}", AUTH_TYPES.join(", ")));
            let guess = AUTH_TYPES
                .iter()
                .find(|t| t.eq_ignore_ascii_case(a))
                .copied()
                .or_else(|| crate::text::did_you_mean(a, AUTH_TYPES.iter().copied()));
            if let Some(g) = guess {
                d = d.help(format!("did you mean `{g}`?")).replace_fix(
                    format!("replace with `{g}`"),
                    *at,
                    g,
                    false,
                );
            }
            self.diag(d);
        }
        Some((
            url.map(|u| u.0).unwrap_or_default(),
            auth.map(|a| a.0).unwrap_or_default(),
        ))
    }

    /// `operations`: a list (or a mapping, whose values are read) of mappings with a name, a
    /// method of [`METHODS`] and a resource path (SB447), no two with one name and method.
    fn api_operations(&mut self, m: &Node) -> Vec<ApiOperation> {
        let mut out: Vec<ApiOperation> = Vec::new();
        let Some(ops) = m.get("operations") else {
            return out;
        };
        if !truthy(ops) || matches!(ops.kind, NodeKind::Alias(_) | NodeKind::Invalid) {
            return out;
        }
        let items: Vec<&Node> = match &ops.kind {
            NodeKind::Seq(items) => items.iter().collect(),
            NodeKind::Map(entries) => entries.iter().map(|e| &e.value).collect(),
            _ => {
                self.wrong_type(ops, "operations", "a list");
                return out;
            }
        };
        let mut seen: Vec<(String, String, Span)> = Vec::new();
        for item in items {
            if matches!(item.kind, NodeKind::Alias(_) | NodeKind::Invalid) {
                continue;
            }
            if truthy(item) && !matches!(item.kind, NodeKind::Map(_)) {
                self.wrong_type(item, "an operation", "a mapping");
                continue;
            }
            let Some(op) = self.api_operation(item) else {
                continue;
            };
            if let Some((_, _, first)) = seen
                .iter()
                .find(|(n, me, _)| *n == op.name && *me == op.method)
            {
                let d = Diagnostic::new(
                    Code::SB447,
                    self.file,
                    op.name_span,
                    format!("duplicate operation `{}` ({})", op.name, op.method),
                )
                .label(self.file, *first, "first defined here")
                .help("give each operation of a method its own name");
                self.diag(d);
            } else {
                seen.push((op.name.clone(), op.method.clone(), op.name_span));
            }
            out.push(op);
        }
        out
    }

    fn api_operation(&mut self, item: &Node) -> Option<ApiOperation> {
        let entries = snake_entries(item);
        for (k, e) in &entries {
            if !OPERATION_KEYS.contains(&k.as_str()) {
                self.check_keys_one(e, &OPERATION_KEYS[..3], "an operation");
            }
        }
        // `data.get("method", "").upper()`: anything but text stops the ADK's load.
        let method_entry = snake_get(&entries, "method");
        let method = match method_entry {
            None => Some((String::new(), None)),
            Some(e) if matches!(e.value.kind, NodeKind::Alias(_) | NodeKind::Invalid) => None,
            Some(e) if e.value.type_name() == "string" => e
                .value
                .scalar()
                .map(|s| (s.value.to_uppercase(), Some(entry_value_span(e)))),
            Some(e) => {
                self.wrong_type(&e.value, "method", "text");
                None
            }
        };
        let (method, method_span) = method?;
        let name_entry = snake_get(&entries, "name");
        let (name, name_span) = match name_entry {
            Some(e) if truthy(&e.value) => {
                let text = e
                    .value
                    .scalar()
                    .map_or_else(|| self.source_line(e.value.span), |s| s.value.clone());
                (text, entry_value_span(e))
            }
            other => {
                let at = other.map_or(item.span, entry_value_span);
                self.integration_diag(
                    Code::SB447,
                    at,
                    "this operation has no `name`".into(),
                    "name it: code calls it as `conv.api.<integration>.<name>`",
                );
                return None;
            }
        };
        if method.is_empty() {
            self.integration_diag(
                Code::SB447,
                method_span.unwrap_or(name_span),
                format!("operation `{name}` has no `method`"),
                "write its HTTP method: GET, POST, PUT, PATCH or DELETE",
            );
        } else if !METHODS.contains(&method.as_str()) {
            let at = method_span.unwrap_or(name_span);
            let mut d = Diagnostic::new(
                Code::SB447,
                self.file,
                at,
                format!("operation `{name}`: unknown method `{method}`"),
            )
            .note("the methods: DELETE, GET, PATCH, POST, PUT");
            if let Some(g) = crate::text::did_you_mean(&method, METHODS.iter().copied()) {
                d = d.help(format!("did you mean `{g}`?")).replace_fix(
                    format!("replace with `{g}`"),
                    at,
                    g,
                    false,
                );
            }
            self.diag(d);
        }
        let resource = match snake_get(&entries, "resource") {
            Some(e) if truthy(&e.value) => {
                let at = entry_value_span(e);
                match (&e.value.kind, e.value.type_name()) {
                    (NodeKind::Scalar(s), "string") => {
                        if !resource_path(&s.value) {
                            self.integration_diag(
                                Code::SB447,
                                at,
                                format!(
                                    "operation `{name}`: resource `{}` is not a URL path",
                                    s.value
                                ),
                                "write a path from `/`, with `{param}` placeholders and an optional `?query`, in URL characters",
                            );
                        }
                        s.value.clone()
                    }
                    (NodeKind::Alias(_) | NodeKind::Invalid, _) => String::new(),
                    _ => {
                        self.integration_diag(
                            Code::SB447,
                            at,
                            format!(
                                "operation `{name}`: resource must be text, found {}",
                                e.value.type_name()
                            ),
                            "quote the path",
                        );
                        String::new()
                    }
                }
            }
            other => {
                let at = other.map_or(name_span, entry_value_span);
                self.integration_diag(
                    Code::SB447,
                    at,
                    format!("operation `{name}` has no `resource`"),
                    "write its path, e.g. `resource: /bookings/{booking_id}`",
                );
                String::new()
            }
        };
        Some(ApiOperation {
            name,
            name_span,
            method,
            resource,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(mcp_url("https://mcp.acme.com/sse"));
        assert!(mcp_url("http://x"));
        assert!(!mcp_url("https://"));
        assert!(!mcp_url("https://?x"));
        assert!(!mcp_url("https://a b"));
        assert!(!mcp_url("HTTPS://x"));
        assert!(base_url(""));
        assert!(base_url("https://x/y"));
        assert!(!base_url("https://"));
        assert!(!base_url("ftp://x"));
        assert!(resource_path("/c/{id}"));
        assert!(resource_path("/a?x={y}&z=1"));
        assert!(resource_path("/"));
        assert!(resource_path("//"));
        assert!(resource_path("/a%zz"));
        assert!(!resource_path("a/b"));
        assert!(!resource_path("/a b"));
        assert!(!resource_path("/a/{1x}"));
        assert!(!resource_path("/café"));
        assert!(!resource_path("/a}"));
        assert!(integration_name("crm_"));
        assert!(integration_name("_"));
        assert!(!integration_name("Crm"));
        assert!(!integration_name("1crm"));
        assert!(!integration_name("crmé"));
        assert_eq!(snake_case("secretName"), "secret_name");
        assert_eq!(snake_case("SecretName"), "secret_name");
    }
}
