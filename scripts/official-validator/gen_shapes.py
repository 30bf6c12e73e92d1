"""Settings files for the generated projects: the voice and chat configuration, safety filters,
ASR settings, keyphrases, transcript corrections, pronunciations and the experimental config
(polyai-adk 0.73.2, `resources/channel_settings.py`, `safety_filters.py`, `asr_settings.py`,
`keyphrase_boosting.py`, `transcript_correction.py`, `pronunciation.py`,
`experimental_config.py`), plus byte order marks and unquoted numbers in the older kinds.

`extend(p, r)` adds valid content of these kinds to a project; each `m_*` in `MUTATIONS`
damages it the way an author would and says what it did (None when it does not apply).
"""

import json

VOICE = "voice/configuration.yaml"
CHAT = "chat/configuration.yaml"
SAFETY = {"agent": "agent_settings/safety_filters.yaml", "voice": "voice/safety_filters.yaml",
          "chat": "chat/safety_filters.yaml"}
ASR = "voice/speech_recognition/asr_settings.yaml"
KP = "voice/speech_recognition/keyphrase_boosting.yaml"
TC = "voice/speech_recognition/transcript_corrections.yaml"
PR = "voice/response_control/pronunciations.yaml"
EX = "agent_settings/experimental_config.json"

GREETINGS = ["Hi, thanks for calling! How can I help you today?",
             "Welcome to Café Rouge. I can book a table or answer questions.",
             "Hello! You're through to the clinic's assistant.",
             "Thanks for calling, this is the virtual assistant for\n    your account."]
LANGS = ["en-US", "en-GB", "es-ES", "fr-FR"]
KEYPHRASES = ["PolyAI", "reservation", "check-in", "yes", "no", "prescription", "Crème brûlée",
              "appointment", "reschedule", "Dr Chang", "recheck", "refund"]
LEVELS = ["default", "boosted", "maximum", "Boosted"]
FILLERS = ["One moment...", "Just a second...", "Un momento…", "Let me check that for you."]


def _q(s):
    """A YAML double-quoted scalar."""
    return json.dumps(s, ensure_ascii=False)


def _attr_ref(p):
    strs = getattr(p, "string_attrs", None) or []
    return "{{attr:%s}}" % strs[0] if strs else ""


def _safety(with_enabled, r, levels=("lenient", "medium", "strict")):
    out = ["enabled: %s" % r.choice(["true", "false"])] if with_enabled else []
    out.append("categories:")
    for cat in ["violence", "hate", "sexual", "self_harm"]:
        out += [f"  {cat}:", f"    enabled: {r.choice(['true', 'false'])}",
                f"    level: {r.choice(levels)}"]
    return "\n".join(out) + "\n"


def _voice(p, r):
    g = r.choice(GREETINGS)
    ref = _attr_ref(p)
    if ref and r.random() < 0.5:
        g = g.replace("help you today?", f"help with {ref} today?")
    lines = ["greeting:", f"  welcome_message: {g}", f"  language_code: {r.choice(LANGS)}"]
    if r.random() < 0.8:
        lines += ["style_prompt:", "  prompt: Speak at a steady, moderate pace."]
    if r.random() < 0.7:
        msg = r.choice(["''", "This call may be recorded.", "Calls are recorded for training."])
        lines += ["disclaimer_messages:", f"  message: {msg}",
                  f"  enabled: {'false' if msg == chr(39) * 2 else r.choice(['true', 'false'])}",
                  f"  language_code: {r.choice(LANGS)}"]
    if r.random() < 0.4:
        lines += ["filler_phrases:", f"  enabled: {r.choice(['true', 'false'])}"]
        if r.random() < 0.8:
            lines.append("  phrases:")
            lines += [f"    - {_q(x)}" for x in r.sample(FILLERS, r.randint(1, 3))]
        lines += [f"  randomize: {r.choice(['true', 'false'])}",
                  f"  initial_interval_seconds: {r.choice(['0.5', '2.5', '3'])}",
                  f"  interval_seconds: {r.choice(['1', '5', '7.5'])}"]
    if r.random() < 0.3:
        lines += ["background_ambience:", f"  enabled: {r.choice(['true', 'false'])}",
                  f"  preset: {r.choice(['office-ambiance', 'restaurant-ambiance', 'whitenoise-subtle'])}",
                  f"  loudness: {r.choice(['-70', '-50', '-20', '-35.5'])}"]
    return "\n".join(lines) + "\n"


def _chat(r):
    return ("greeting:\n  welcome_message: Hello! Welcome to our web chat.\n"
            f"  language_code: {r.choice(LANGS)}\nstyle_prompt:\n  prompt: Keep answers short.\n")


def _asr(r):
    if r.random() < 0.3:  # the legacy format real projects still have
        return f"barge_in: {r.choice(['true', 'false'])}\ninteraction_style: swift\n"
    out = [f"speech_end_delay_ms: {r.choice([200, 600, 1500])}"] if r.random() < 0.7 else []
    out += ["barge_in:", f"  enabled: {r.choice(['true', 'false'])}",
            f"  allow_on_first_turn: {r.choice(['true', 'false'])}"]
    if r.random() < 0.5:
        out.append(f"  max_per_call: {r.choice([0, 2, 5])}")
    return "\n".join(out) + "\n"


def _keyphrases(r):
    out = ["keyphrases:"]
    for k in r.sample(KEYPHRASES, r.randint(1, 6)):
        out.append(f"  - keyphrase: {k}")
        if r.random() < 0.8:
            out.append(f"    level: {r.choice(LEVELS)}")
    return "\n".join(out) + "\n"


def _corrections(r):
    out = ["corrections:"]
    for name, pairs in r.sample([
        ("Email domain fix", [("at gmail dot com", "@gmail.com"), ("at hotmail dot com", "@hotmail.com")]),
        ("Emmett Street", [("\\bBennett Street\\b", "Emmett Street"), ("\\bEmma Street\\b", "Emmett Street")]),
        ("Number normalization", [("\\bdouble (\\d)\\b", "\\1\\1")]),
        ("Dr R. Chang", [("Dr R. Chang", "Dr R Chang")]),
    ], r.randint(1, 3)):
        out += [f"  - name: {name}", f"    description: Correct {name.lower()}", "    regular_expressions:"]
        for regex, repl in pairs:
            out += [f"      - regular_expression: {regex}", f"        replacement: {_q(repl)}"]
            if r.random() < 0.8:
                out.append(f"        replacement_type: {r.choice(['full', 'partial', 'substring'])}")
    return "\n".join(out) + "\n"


def _pronunciations(r):
    out = ["pronunciations:"]
    rules = [("24/7", "twenty four seven"), ("Dr.", "doctor"), ("\\b([A-Z])\\.\\s", "$1"),
             ("\\baddress\\b", "ADD-ress"), ("\\b10([ -])digit", "ten\\1digit")]
    for i in range(r.randint(1, 40)):
        regex, repl = r.choice(rules)
        out += [f"  - regex: {_q(regex)}", f"    replacement: {_q(repl)}",
                f"    case_sensitive: {r.choice(['true', 'false'])}"]
        if r.random() < 0.5:
            out.append(f"    language_code: {r.choice(LANGS)}")
    return "\n".join(out) + "\n"


def _experimental(r):
    cfg = {}
    if r.random() < 0.7:
        cfg["asr"] = {"provider": r.choice(["default", "riva", "deepgram"]),
                      "model": r.choice(["poly-latency", "nova-3"]), "eager_final": True}
    if r.random() < 0.6:
        cfg["smart_vad"] = {"is_enabled": True, "max_extension_duration": "1s", "max_extensions": 5}
    if r.random() < 0.6:
        cfg["eot"] = {"provider": "smart_turn", "threshold": 0.5, "timeout_ms": 500}
    if r.random() < 0.4:
        cfg["conversation_control"] = {"max_silence_count": 10}
    return json.dumps(cfg, indent=2, ensure_ascii=False) + "\n"


def extend(p, r):
    if r.random() < 0.6:
        p.extra_files[VOICE] = _voice(p, r)
    if r.random() < 0.25:
        p.extra_files[CHAT] = _chat(r)
        p.extra_files[SAFETY["chat"]] = _safety(True, r)
    if r.random() < 0.5:
        p.extra_files[SAFETY["agent"]] = _safety(False, r)
    if r.random() < 0.5:
        p.extra_files[SAFETY["voice"]] = _safety(True, r, ("lenient", "medium", "strict", "STRICT"))
    if r.random() < 0.5:
        p.extra_files[ASR] = _asr(r)
    if r.random() < 0.5:
        p.extra_files[KP] = _keyphrases(r)
    if r.random() < 0.4:
        p.extra_files[TC] = _corrections(r)
    if r.random() < 0.4:
        p.extra_files[PR] = _pronunciations(r)
    if r.random() < 0.4:
        p.extra_files[EX] = _experimental(r)


# --------------------------------------------------------------------------------------------
# mutations


def _ensure(p, r, path, make):
    if path not in p.extra_files:
        p.extra_files[path] = make()
    return p.extra_files[path]


def _sub(p, path, old, new, count=1):
    t = p.extra_files.get(path)
    if t is None or old not in t:
        return False
    p.extra_files[path] = t.replace(old, new, count)
    return True


def m_greeting_empty(p, r):
    t = _ensure(p, r, VOICE, lambda: _voice(p, r))
    line = next(ln for ln in t.split("\n") if ln.startswith("  welcome_message:"))
    rest = t.split(line, 1)[1]
    # a folded greeting continues on the next line
    if rest.startswith("\n    "):
        rest = "\n" + rest[1:].split("\n", 1)[1]
    p.extra_files[VOICE] = t.split(line, 1)[0] + "  welcome_message: ''" + rest
    return "voice greeting with an empty welcome message"


def m_greeting_language_empty(p, r):
    t = _ensure(p, r, VOICE, lambda: _voice(p, r))
    for lang in LANGS:
        if _sub(p, VOICE, f"  language_code: {lang}", "  language_code: ''"):
            return "greeting or disclaimer with an empty language code"
    return None


def m_greeting_wrong_ref(p, r):
    _ensure(p, r, VOICE, lambda: _voice(p, r))
    if not p.handoffs:
        return None
    name = p.handoffs[0]["name"]
    t = p.extra_files[VOICE]
    line = next(ln for ln in t.split("\n") if ln.startswith("  welcome_message:"))
    p.extra_files[VOICE] = t.replace(line, line + " Ask for {{ho:%s}}." % name, 1)
    return "handoff reference in the greeting (not allowed there)"


def m_greeting_unknown_attr(p, r):
    _ensure(p, r, VOICE, lambda: _voice(p, r))
    t = p.extra_files[VOICE]
    line = next(ln for ln in t.split("\n") if ln.startswith("  welcome_message:"))
    p.extra_files[VOICE] = t.replace(line, line + " Open at {{attr:no_such_attribute}}.", 1)
    return "unknown attribute in the greeting"


def m_style_prompt_ref(p, r):
    t = _ensure(p, r, VOICE, lambda: _voice(p, r))
    if not _sub(p, VOICE, "  prompt: Speak at a steady, moderate pace.",
                "  prompt: Speak like {{vrbl:caller_tier}}."):
        p.extra_files[VOICE] = t + "style_prompt:\n  prompt: Speak like {{vrbl:caller_tier}}.\n"
    return "reference in the style prompt (none allowed)"


def m_greeting_unknown_key(p, r):
    t = _ensure(p, r, VOICE, lambda: _voice(p, r))
    p.extra_files[VOICE] = t.replace("greeting:\n", "greeting:\n  voice: alloy\n", 1)
    return "unknown key in the greeting (valid: ignored)"


def m_filler_unknown_key(p, r):
    t = _ensure(p, r, VOICE, lambda: _voice(p, r))
    if "filler_phrases:" not in t:
        t += "filler_phrases:\n  enabled: true\n"
    p.extra_files[VOICE] = t.replace("filler_phrases:\n", "filler_phrases:\n  shuffle: true\n", 1)
    return "unknown key in filler_phrases"


def m_filler_no_phrase(p, r):
    t = _ensure(p, r, VOICE, lambda: _voice(p, r))
    if "filler_phrases:" in t:
        return None
    p.extra_files[VOICE] = t + "filler_phrases:\n  enabled: true\n  phrases:\n    - '  '\n"
    return "filler phrases enabled without a phrase"


def m_filler_interval(p, r):
    t = _ensure(p, r, VOICE, lambda: _voice(p, r))
    if "filler_phrases:" in t:
        return None
    key, val = r.choice([("interval_seconds", "0.5"), ("initial_interval_seconds", "0.25")])
    p.extra_files[VOICE] = t + f"filler_phrases:\n  enabled: false\n  {key}: {val}\n"
    return f"filler {key} under the minimum"


def m_filler_string_number(p, r):
    t = _ensure(p, r, VOICE, lambda: _voice(p, r))
    if "filler_phrases:" in t:
        return None
    p.extra_files[VOICE] = t + "filler_phrases:\n  enabled: true\n  interval_seconds: '5'\n"
    return "filler interval as a string"


def m_ambience(p, r):
    t = _ensure(p, r, VOICE, lambda: _voice(p, r))
    if "background_ambience:" in t:
        return None
    body, what = r.choice([
        ("  enabled: true\n  loudness: -50\n", "ambience without a preset"),
        ("  enabled: true\n  preset: office-ambiance\n  loudness: -10\n", "ambience too loud"),
        ("  enabled: true\n  preset: office-ambience\n  loudness: -50\n", "unknown ambience preset (valid: a warning)"),
        ("  enabled: true\n  preset: office-ambiance\n  volume: 3\n", "unknown key in background_ambience"),
    ])
    p.extra_files[VOICE] = t + "background_ambience:\n" + body
    return what


def m_disclaimer_enabled_string(p, r):
    t = _ensure(p, r, VOICE, lambda: _voice(p, r))
    if "disclaimer_messages:" in t:
        return None
    p.extra_files[VOICE] = t + "disclaimer_messages:\n  message: Recorded.\n  enabled: 'yes'\n"
    return "disclaimer enabled as a string"


def m_chat_incomplete(p, r):
    p.extra_files[CHAT] = _chat(r)
    p.extra_files.pop(SAFETY["chat"], None)
    if r.random() < 0.5:
        p.extra_files[CHAT] = p.extra_files[CHAT].split("style_prompt:")[0]
    return "web chat settings without all their parts"


def m_chat_only_safety(p, r):
    p.extra_files.pop(CHAT, None)
    p.extra_files[SAFETY["chat"]] = _safety(True, r)
    return "chat safety filters without the chat configuration"


def m_chat_voice_only_section(p, r):
    p.extra_files[CHAT] = _chat(r) + "filler_phrases:\n  enabled: 5\n"
    p.extra_files[SAFETY["chat"]] = _safety(True, r)
    return "voice-only section in the chat configuration (valid: ignored)"


def m_safety(p, r):
    which = r.choice(["agent", "voice", "chat"])
    path = SAFETY[which]
    if which == "chat" and CHAT not in p.extra_files:
        p.extra_files[CHAT] = _chat(r)
    t = p.extra_files.get(path) or _safety(which != "agent", r)
    if which != "agent" and not t.startswith("enabled:"):
        t = "enabled: true\n" + t
    change, what = r.choice([
        (lambda t: t.replace("  hate:\n", "  hatred:\n", 1), "unknown safety filter category"),
        (lambda t: t.replace("level: medium", "level: high", 1).replace("level: strict", "level: high", 1)
         .replace("level: lenient", "level: high", 1), "unknown safety level"),
        (lambda t: t.split("  sexual:")[0] + "  self_harm" + t.split("  self_harm")[1], "missing safety category"),
        (lambda t: t.replace("    enabled: true\n", "    enabled: 'on'\n", 1).replace("    enabled: false\n", "    enabled: 'off'\n", 1),
         "category enabled as a string"),
        (lambda t: t.replace("    level: ", "    x: ", 1), "category without a level"),
        (lambda t: "\n".join(ln for ln in t.split("\n") if not ln.startswith("enabled:")), "channel filters without enabled"),
        (lambda t: t + "type: azure\n", "unknown top-level key (valid: ignored)"),
    ])
    p.extra_files[path] = change(t)
    return f"{which} safety filters: {what}"


def m_asr(p, r):
    base = "speech_end_delay_ms: 600\nbarge_in:\n  enabled: true\n  allow_on_first_turn: false\n  max_per_call: 2\n"
    change, what = r.choice([
        (base.replace("600", "100"), "speech_end_delay_ms too low"),
        (base.replace("600", "600.5"), "speech_end_delay_ms a float"),
        (base.replace("max_per_call: 2", "max_per_call: -1"), "negative max_per_call"),
        (base.replace("  max_per_call: 2\n", "  max_per_call: 2\n  cooldown: 3\n"), "unknown key in barge_in"),
        (base.replace("  enabled: true", "  enabled: 'true'"), "barge_in.enabled a string"),
        ("barge_in: [1]\n", "barge_in a list"),
        (base + "vad: 3\n", "unknown top-level key (valid: ignored)"),
    ])
    p.extra_files[ASR] = change
    return what


def m_keyphrase(p, r):
    t = p.extra_files.get(KP) or _keyphrases(r)
    first = next(ln.split(": ", 1)[1] for ln in t.split("\n") if ln.startswith("  - keyphrase:"))
    change, what = r.choice([
        (t + "  - keyphrase: %s\n    level: boosted\n" % first.upper(), "duplicate keyphrase (case)"),
        (t + "  - keyphrase: ' %s '\n" % first, "duplicate keyphrase (spaces)"),
        (t + "  - keyphrase: '!!!'\n", "keyphrase without a letter"),
        (t + "  - keyphrase: 2024\n", "keyphrase a number"),
        (t + "  - keyphrase: extra\n    level: high\n", "unknown keyphrase level"),
        (t + "  - keyphrase: extra\n    level:\n", "null keyphrase level"),
        (t + "  - level: boosted\n", "keyphrase entry without a keyphrase (valid: skipped)"),
        (t + "  - plain string\n", "keyphrase entry that is a string"),
    ])
    p.extra_files[KP] = change
    return what


def m_correction(p, r):
    t = p.extra_files.get(TC) or _corrections(r)
    name = next(ln.split(": ", 1)[1] for ln in t.split("\n") if ln.startswith("  - name:"))
    change, what = r.choice([
        (t + f"  - name: {name}\n    regular_expressions:\n      - regular_expression: x\n", "duplicate correction name"),
        (t + f"  - name: {name.replace(' ', '-')}\n    regular_expressions:\n      - regular_expression: x\n"
         if " " in name else None, "correction names that clean alike"),
        (t + "  - name: No rules\n    description: nothing\n", "correction without rules"),
        (t.replace("replacement_type: full", "replacement_type: FULL", 1).replace("replacement_type: partial", "replacement_type: exact", 1)
         .replace("replacement_type: substring", "replacement_type: exact", 1), "unknown replacement type"),
        (t + "  - name: Empty\n    regular_expressions:\n      - regular_expression: ''\n", "empty regular expression"),
        (t + "  - description: no name\n    regular_expressions:\n      - regular_expression: x\n", "correction without a name (valid: skipped)"),
        (t + "  - name: Numbered\n    description: 5\n    regular_expressions:\n      - regular_expression: x\n", "correction description a number"),
    ])
    if change is None or change == t:
        return None
    p.extra_files[TC] = change
    return what


def m_pronunciation(p, r):
    t = p.extra_files.get(PR) or _pronunciations(r)
    change, what = r.choice([
        (t + "  - regex: ''\n    replacement: nothing\n", "pronunciation with an empty regex"),
        (t + "  - replacement: nothing\n", "pronunciation without a regex"),
        (t + "  - regex: 24\n    replacement: twenty four\n", "pronunciation regex a number"),
        (t + "  - regex: x\n    case_sensitive: 'yes'\n", "case_sensitive a string"),
        (t + "  - regex: '(unclosed'\n    replacement: x\n", "pronunciation regex that does not compile (valid)"),
    ])
    p.extra_files[PR] = change
    return what


def m_experimental(p, r):
    change, what = r.choice([
        ('{"smart_vad": {"is_enabled": "yes"}}\n', "experimental: wrong type"),
        ('{"foo": 1}\n', "experimental: unknown feature"),
        ('{"asr": {"provider": "default"}}\n', "experimental: provider without model"),
        ('{"asr": {"provider": "nope", "model": "x"}}\n', "experimental: unknown provider"),
        ('{"smart_vad": {"max_extension_duration": "1m"}}\n', "experimental: pattern"),
        ('{"eot": {"threshold": 0.5,}}\n', "experimental: trailing comma"),
        ('', "experimental: empty file"),
        ('\ufeff{"eot": {"threshold": 0.5}}\n', "experimental: byte order mark"),
        ('{"eot": {"threshold": NaN}}\n', "experimental: NaN (valid)"),
        ('{"conversation_control": {"min_chunk_size": true}}\n', "experimental: boolean for an integer"),
        ('{"conversation_control": {"min_chunk_size": 0}}\n', "experimental: under the minimum"),
    ])
    p.extra_files[EX] = change
    return what


def m_python_bom(p, r):
    if not p.functions:
        return None
    path = r.choice(sorted(p.functions))
    p.text_patches.append((path, lambda t: "\ufeff" + t))
    return f"byte order mark at the start of {path}"


def m_yaml_bom(p, r):
    path = r.choice(["agent_settings/rules.txt", "config/handoffs.yaml"])
    p.text_patches.append((path, lambda t: "\ufeff" + t))
    return f"byte order mark at the start of {path} (valid)"


def m_unquoted_number(p, r):
    kind = r.choice(["handoff", "sms", "topic", "keyphrase_level", "greeting"])
    if kind == "handoff" and p.handoffs:
        p.text_patches.append(("config/handoffs.yaml",
                               lambda t: t.replace("description: ", "description: 2024-01-15 #", 1)))
        return "handoff description a date"
    if kind == "sms" and p.sms:
        p.text_patches.append(("config/sms_templates.yaml",
                               lambda t: t.replace('live: "+1', "live: +1", 1).replace("live: '+1", "live: +1", 1)
                               if ("live: \"+1" in t or "live: '+1" in t) else t.replace("name: ", "name: 1_000 #", 1)))
        return "unquoted number in an SMS template"
    if kind == "topic" and p.topics:
        path = "topics/" + p.topics[0]["file"]
        p.text_patches.append((path, lambda t: t.replace("example_queries:\n", "example_queries:\n- 42\n", 1)))
        return "topic example query a number"
    if kind == "greeting":
        t = _ensure(p, r, VOICE, lambda: _voice(p, r))
        line = next(ln for ln in t.split("\n") if ln.startswith("  welcome_message:"))
        rest = t.split(line, 1)[1]
        if rest.startswith("\n    "):
            rest = "\n" + rest[1:].split("\n", 1)[1]
        p.extra_files[VOICE] = t.split(line, 1)[0] + "  welcome_message: 12345" + rest
        return "greeting a number"
    if kind == "keyphrase_level":
        p.extra_files[KP] = "keyphrases:\n  - keyphrase: refund\n    level: 3\n"
        return "keyphrase level a number"
    return None


MUTATIONS = [m_greeting_empty, m_greeting_language_empty, m_greeting_wrong_ref, m_greeting_unknown_attr,
             m_style_prompt_ref, m_greeting_unknown_key, m_filler_unknown_key, m_filler_no_phrase,
             m_filler_interval, m_filler_string_number, m_ambience, m_disclaimer_enabled_string,
             m_chat_incomplete, m_chat_only_safety, m_chat_voice_only_section, m_safety, m_asr,
             m_keyphrase, m_correction, m_pronunciation, m_experimental, m_python_bom, m_yaml_bom,
             m_unquoted_number]
