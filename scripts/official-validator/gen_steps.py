"""A flow step's settings sections and the function-file checks the ADK makes as text
(polyai-adk 0.73.2, `resources/flows.py` `FlowSettings`, `VADConfig`, `parse_reasoning_effort`;
`resources/function.py` `_extract_decorators`, `validate`): valid settings and their mutations,
ADK decorators left in a function's code, descriptions the ADK does not read, a flow folder
without its `flow_config.yaml`, and the platform context document's name (`context/CONTEXT.MD`).

No `extend`: the valid sections are added by the mutations that need them (some of which leave
the project valid). Each `m_*` in `MUTATIONS` says what it did, or returns None when it does
not apply.
"""

EFFORTS = ["unspecified", "minimal", "low", "medium", "high", "auto"]


def _step(p, r):
    """A random YAML step of a random flow: (relative path, flow)."""
    flows = [f for f in p.flows if f["steps"]]
    if not flows:
        return None, None
    fl = r.choice(flows)
    name = r.choice(sorted(fl["steps"]))
    return f"flows/{fl['folder']}/steps/{name}", fl


def _append(p, path, text):
    p.text_patches.append((path, lambda t, text=text: t.rstrip("\n") + "\n" + text))


def m_step_settings_valid(p, r):
    path, _ = _step(p, r)
    if not path:
        return None
    parts = []
    if r.random() < 0.6:
        parts.append("asr:\n  provider: deepgram\n  model: nova-3\n")
    if r.random() < 0.6:
        parts.append("vad:\n  vad_start: %s\n  vad_end: %s\n  speech_threshold: -1\n"
                     % (r.choice(["0", "0.2", "-0.0", "1"]), r.choice(["0.8", "2", "0"])))
    if r.random() < 0.6:
        parts.append("barge_in:\n  is_enabled: %s\n" % r.choice(["true", "false"]))
    effort = r.choice(EFFORTS + ["0", "5", "'high'"])
    parts.append("llm:\n  provider_model_id: gpt-4.1\n  reasoning_effort: %s\n" % effort)
    if r.random() < 0.3:
        parts.append("vad: {}\n" if "vad:" not in "".join(parts) else "")
    _append(p, path, "".join(parts))
    return "step settings sections (valid)"


def m_step_vad_bad(p, r):
    path, _ = _step(p, r)
    if not path:
        return None
    key = r.choice(["vad_start", "vad_end"])
    value = r.choice(["-0.5", "-1", ".inf", ".nan", "-.inf"])
    _append(p, path, f"vad:\n  provider: silero\n  {key}: {value}\n")
    return f"step vad {key} {value}"


def m_step_effort_bad(p, r):
    path, _ = _step(p, r)
    if not path:
        return None
    value = r.choice(["max", "HIGH", "High", "7", "-1", "true", "~", "1.5", "'medium '"])
    _append(p, path, f"llm:\n  reasoning_effort: {value}\n")
    return f"step reasoning effort {value}"


def m_step_settings_shape(p, r):
    path, _ = _step(p, r)
    if not path:
        return None
    text, what = r.choice([
        ("vad:\n  vad_start: 0.2\n  vad_stop: 1\n", "unknown key in vad"),
        ("asr:\n  provider: deepgram\n  language: en\n", "unknown key in asr"),
        ("llm:\n  model: gpt-4.1\n", "unknown key in llm"),
        ("barge_in:\n  enabled: true\n", "barge_in without is_enabled"),
        ("barge_in:\n  is_enabled: yes\n", "barge_in flag as text"),
        ("vad:\n  vad_start: '0.2'\n", "vad_start as text"),
        ("asr:\n  provider: 11\n", "asr provider as a number"),
        ("llm: gpt-4.1\n", "llm not a mapping"),
        ("vad: 0\n", "vad section falsy (valid)"),
        ("dtmf_config:\n  is_enabled: false\n  max_digits: '4'\n", "disabled dtmf with a text (valid)"),
        ("dtmf_config:\n  is_enabled: true\n  max_digits: '4'\n", "enabled dtmf with a text"),
        ("asr_biasing:\n  is_enabled: true\n  custom_keywords: [1]\n", "biasing keyword a number"),
        ("asr_biasing:\n  is_enabled: false\n  bogus: true\n", "unknown key in disabled biasing"),
    ])
    _append(p, path, text)
    return what


def _function(p, r):
    """A random transition function: (flow, file name, source)."""
    flows = [f for f in p.flows if f.get("functions")]
    if not flows:
        return None, None, None
    fl = r.choice(flows)
    name = r.choice(sorted(fl["functions"]))
    return fl, name, fl["functions"][name]


def m_func_decorator_left(p, r):
    fl, name, src = _function(p, r)
    if not fl:
        return None
    choice = r.choice(["helper", "string", "keyword", "indented", "comment", "two_args", "bare"])
    if choice == "helper":
        src += '\n\n@func_description("Formats a value")\ndef _format(value):\n    return str(value)\n'
    elif choice == "string":
        src += '\nNOTE = """\n@func_parameter is documented elsewhere\n"""\n'
    elif choice == "keyword":
        if "@func_description(" not in src:
            return None
        src = src.replace("@func_description(", "@func_description(description=", 1)
    elif choice == "indented":
        src += '\n\nclass Helper:\n    @func_description("indented")\n    def go(self):\n        pass\n'
    elif choice == "comment":
        src += '\n# @func_description("a note")\n'
    elif choice == "two_args":
        if "@func_description(" not in src:
            return None
        src = src.replace("@func_description(", '@func_description("Extra", ', 1)
    else:
        if "@func_description(" not in src:
            return None
        line = next(ln for ln in src.split("\n") if ln.startswith("@func_description("))
        src = src.replace(line, "@func_description", 1)
    fl["functions"][name] = src
    return f"transition function {name}: {choice}"


def m_func_empty_description(p, r):
    fl, name, src = _function(p, r)
    if not fl or "@func_description(" not in src:
        return None
    line = next(ln for ln in src.split("\n") if ln.startswith("@func_description("))
    fl["functions"][name] = src.replace(line, '@func_description(%s)' % r.choice(['""', '"   "']), 1)
    return f"transition function {name} with an empty description"


def m_flow_without_config(p, r):
    flows = [f for f in p.flows if f["steps"]]
    if not flows:
        return None
    fl = r.choice(flows)
    p.delete_files.append(f"flows/{fl['folder']}/flow_config.yaml")
    return f"flow folder {fl['folder']} without flow_config.yaml"


def m_context_document(p, r):
    name = r.choice(["CONTEXT.MD", "Context.md", "CONTEXT.md", "context.MD", "notes.md", "Opening hours.MD"])
    p.extra_files[f"context/{name}"] = "# About the business\n\nOpen Monday to Saturday. Café on site.\n"
    return f"context document {name}"


MUTATIONS = [m_context_document, m_step_settings_valid, m_step_vad_bad, m_step_effort_bad, m_step_settings_shape,
             m_func_decorator_left, m_func_empty_description, m_flow_without_config]
