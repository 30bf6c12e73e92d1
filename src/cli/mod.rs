pub mod output {
    use crate::diagnostics::Diagnostic;
    use crate::source::SourceFile;
    #[derive(Clone, Copy, Debug, clap::ValueEnum)]
    pub enum Format { Human, Short, Json, Sarif, Github }
    pub struct ProjectOutput<'a> { pub root: &'a std::path::Path, pub files: &'a [SourceFile], pub diagnostics: &'a [Diagnostic] }
    pub struct RenderOptions { pub color: bool, pub cwd: Option<std::path::PathBuf> }
    pub fn render(_f: Format, projects: &[ProjectOutput], _o: &RenderOptions) -> String {
        let mut s = String::new();
        for p in projects { for d in p.diagnostics { let f = &p.files[d.file.0 as usize]; let (l, c) = f.line_col(d.span.start); s += &format!("{}:{}:{}: {}[{}] {}\n", f.rel, l + 1, c + 1, d.severity.as_str(), d.code.as_str(), d.message); } }
        s
    }
}
