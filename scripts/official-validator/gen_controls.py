"""The controls for the generated projects: guardrails (`agent_settings/guardrails.yaml`), a
function's `@func_latency_control` and phrase filters
(`voice/response_control/phrase_filtering.yaml`), as polyai-adk 0.73.2 reads them
(`resources/guardrails.py`, `resources/function.py`, `resources/phrase_filter.py`).

`extend(p, r)` adds valid content of these kinds to a project; each `m_*` in `MUTATIONS`
damages it the way an author would and says what it did (None when it does not apply).
"""

import json
import re

GR = "agent_settings/guardrails.yaml"
PF = "voice/response_control/phrase_filtering.yaml"
CATALOGUE = ["jailbreak_defence", "hallucination_control", "ai_identity", "emergency_escalation",
             "tool_call_integrity"]
PROMPTS = ["The caller asks for medical or legal advice.",
           "Le client demande un remboursement immédiat.",
           "The caller is abusive or threatens staff.",
           "The caller asks about another customer's account."]
WAITS = ["One moment please…", "Just a second while I check that.", "Un momento, por favor.",
         "Bear with me, nearly there."]


def _q(s):
    """A YAML double-quoted scalar."""
    return json.dumps(s, ensure_ascii=False)


def _callable(p):
    """Global functions a text may call: described, defined, no code transfer."""
    out = []
    for path, src in sorted(p.functions.items()):
        stem = path.rsplit("/", 1)[-1][:-3]
        if stem in ("start_function", "end_function"):
            continue
        if f"def {stem}(conv" in src and "call_handoff" not in src and "func_description" in src:
            out.append((path, stem))
    return out


def _plain_handoffs(p):
    return [h["name"] for h in (p.handoffs or []) if isinstance(h.get("name"), str)
            and re.fullmatch(r"[\w-]+", h["name"])]


def _action(p, r):
    bits = [r.choice(["Apologise and explain what the agent can help with.",
                      "Tell the caller you cannot help with that.",
                      "Explique que tu ne peux pas répondre à cela."])]
    fns = _callable(p)
    hos = _plain_handoffs(p)
    if hos and r.random() < 0.6:
        bits.append("Then transfer with {{ho:%s}}." % r.choice(hos))
    elif fns and r.random() < 0.6:
        bits.append("Then call {{fn:%s}}." % r.choice(fns)[1])
    if p.variables and r.random() < 0.3:
        bits.append("Mention {{vrbl:%s}}." % r.choice(sorted(p.variables)))
    return " ".join(bits)


def _render_guardrails(p):
    g = p.controls_guardrails
    lines = []
    if g["platform"] is not None:
        lines.append("platform_guardrails:")
        for name, enabled in g["platform"]:
            lines += [f"- name: {name}", f"  enabled: {enabled}"]
    if g["custom"]:
        lines.append("custom_guardrails:")
        for c in g["custom"]:
            lines.append(f"- name: {_q(c['name'])}")
            if c.get("enabled") is not None:
                lines.append(f"  enabled: {c['enabled']}")
            for key in ("prompt", "action"):
                v = c.get(key)
                if v is None:
                    continue
                if c.get("folded") and len(v) > 30 and v:
                    cut = v.rfind(" ", 0, len(v) // 2)
                    lines += [f"  {key}: >-", "    " + v[:cut], "    " + v[cut + 1:]]
                else:
                    lines.append(f"  {key}: {_q(v)}")
    p.extra_files[GR] = "\n".join(lines) + "\n"


def _guardrails(p, r):
    platform = None
    if r.random() < 0.7:
        names = CATALOGUE[:]
        r.shuffle(names)
        platform = [(n, r.choice(["true", "false"])) for n in names]
    custom = []
    for i in range(r.randint(0 if platform else 1, 3)):
        custom.append({"name": r.choice(["No advice", "Refund request", "Abuse", "Privacy",
                                         "Urgence"]) + f" {i + 1}",
                       "enabled": r.choice(["true", "false", None]),
                       "prompt": r.choice(PROMPTS), "action": _action(p, r),
                       "folded": r.random() < 0.4})
    p.controls_guardrails = {"platform": platform, "custom": custom}
    _render_guardrails(p)


def _latency_args(p, r):
    msgs = r.sample(WAITS, r.randint(1, 3))
    if p.variables and r.random() < 0.3:
        msgs[0] += " {{vrbl:%s}}" % r.choice(sorted(p.variables))
    pairs = ",\n".join(f"        ({_q(m)}, {r.randint(1, 5)})" for m in msgs)
    return (f"    delay_before_responses_start={r.choice(['0', '1', '2.5', '10'])},\n"
            f"    silence_after_each_response={r.choice(['0', '3', '7'])},\n"
            f"    delay_responses=[\n{pairs},\n    ],\n")


def _add_latency(p, r, args=None):
    fns = _callable(p)
    if not fns:
        return None
    path, stem = r.choice(fns)
    src = p.functions[path]
    if "@func_latency_control" in src:
        return None
    at = src.find(f"def {stem}(")
    if at < 0:
        return None
    args = args if args is not None else _latency_args(p, r)
    p.functions[path] = src[:at] + f"@func_latency_control(\n{args})\n" + src[at:]
    p.controls_latency = path
    return path


def _phrase_filters(p, r):
    fns = [s for _, s in _callable(p)]
    lines = ["phrase_filtering:"]
    for i in range(r.randint(1, 3)):
        lines += [f"- name: {r.choice(['transfer promises', 'goodbye', 'tool call'])} {i}",
                  "  regular_expressions:",
                  f"  - {_q(r.choice(['[Ll]et me transfer you', 'Goodbye', '<call', 'one moment']))}"]
        if r.random() < 0.5:
            lines.append("  description: Stops the agent saying this.")
        lines.append(f"  say_phrase: {r.choice(['true', 'false'])}")
        if fns and r.random() < 0.6:
            lines.append(f"  function: {r.choice(fns)}")
    p.extra_files[PF] = "\n".join(lines) + "\n"


def extend(p, r):
    p.controls_guardrails = None
    p.controls_latency = None
    if r.random() < 0.5:
        _guardrails(p, r)
    if r.random() < 0.4:
        _add_latency(p, r)
    if r.random() < 0.3:
        _phrase_filters(p, r)


# --------------------------------------------------------------------------------------------
# mutations


def _g(p, r):
    if getattr(p, "controls_guardrails", None) is None:
        _guardrails(p, r)
    return p.controls_guardrails


def _custom(p, r):
    g = _g(p, r)
    if not g["custom"]:
        g["custom"].append({"name": "Added", "prompt": r.choice(PROMPTS), "action": _action(p, r)})
    return r.choice(g["custom"])


def m_guardrail_unknown_platform(p, r):
    g = _g(p, r)
    if not g["platform"]:
        return None
    i = r.randrange(len(g["platform"]))
    name, en = g["platform"][i]
    g["platform"][i] = (r.choice([name.replace("defence", "defense"), name + "s", "toxicity"]), en)
    _render_guardrails(p)
    return "unknown platform guardrail"


def m_guardrail_platform_case(p, r):
    g = _g(p, r)
    if not g["platform"]:
        return None
    i = r.randrange(len(g["platform"]))
    name, en = g["platform"][i]
    g["platform"][i] = (name.upper(), en)
    _render_guardrails(p)
    return "platform guardrail name in upper case (missing as written)"


def m_guardrail_missing_platform(p, r):
    g = _g(p, r)
    if not g["platform"]:
        return None
    g["platform"].pop(r.randrange(len(g["platform"])))
    _render_guardrails(p)
    return "a platform guardrail left out"


def m_guardrail_empty_field(p, r):
    c = _custom(p, r)
    key = r.choice(["prompt", "action"])
    c[key] = r.choice([None, ""])
    _render_guardrails(p)
    return f"custom guardrail without {key}"


def m_guardrail_bad_ref(p, r):
    c = _custom(p, r)
    c["action"] = (c.get("action") or "") + " " + r.choice(
        ["{{fn:no_such_function}}", "{{ho:No_Such_Desk}}", "{{twilio_sms:missing_sms}}",
         "{{attr:no_such_attr}}", "{{tn:no_translation}}", "{{vrbl:never_set}}"])
    _render_guardrails(p)
    return "unknown reference in a guardrail action"


def m_guardrail_wrong_kind(p, r):
    c = _custom(p, r)
    c["action"] = (c.get("action") or "") + " " + r.choice(["{{ft:go_back}}", "{{entity:name}}"])
    _render_guardrails(p)
    return "reference kind a guardrail action may not hold"


def m_guardrail_too_many(p, r):
    g = _g(p, r)
    n = r.choice([20, 21, 23])
    g["custom"] = [{"name": f"g{i:02d}", "prompt": "p", "action": "a"} for i in range(n)]
    _render_guardrails(p)
    return f"{n} custom guardrails"


def m_guardrail_enabled_string(p, r):
    c = _custom(p, r)
    c["enabled"] = r.choice(["'yes'", "'true'", "1"])
    _render_guardrails(p)
    return "custom guardrail enabled not a boolean"


def m_guardrail_shadowed(p, r):
    g = _g(p, r)
    c = _custom(p, r)
    g["custom"].append({"name": c["name"].replace(" ", "-") + "!", "prompt": "",
                        "action": "{{fn:no_such_function}}"})
    _render_guardrails(p)
    return "a custom guardrail whose name cleans to an earlier one's (valid: never read)"


def m_guardrail_null_list(p, r):
    _g(p, r)
    p.extra_files[GR] = r.choice(["platform_guardrails:\n", "custom_guardrails:\n",
                                  "custom_guardrails: oops\n", "- a\n"])
    return "guardrails file of the wrong shape"


def m_latency_range(p, r):
    value = r.choice(["11", "10.5", "-1", "True", '"5"', "None", "0"])
    args = (f"    delay_before_responses_start={value},\n"
            f"    silence_after_each_response={r.choice(['0', '3', '12'])},\n"
            "    delay_responses=[(\"One moment…\", 3)],\n")
    return _add_latency(p, r, args) and f"latency control delays {value}"


def m_latency_empty(p, r):
    args = r.choice(["    delay_responses=[],\n", "    delay_before_responses_start=1,\n",
                     "    delay_responses=((\"x\", 3),),\n", "    delay_responses=[(\"x\", 3, 1)],\n"])
    return _add_latency(p, r, args) and "latency control without delay responses"


def m_latency_message(p, r):
    msg = r.choice(['""', 'f"Wait {1}"', "None", "WAIT", "5", '"Un " "momento"'])
    args = f"    delay_responses=[({msg}, 3)],\n"
    return _add_latency(p, r, args) and f"delay message {msg}"


def m_latency_ref(p, r):
    ref = r.choice(["{{vrbl:never_set}}", "{{tn:missing}}", "{{ho:Scheduling}}", "{{fn:send_sms}}"])
    args = f"    delay_responses=[(\"Hold on {ref}\", 3)],\n"
    return _add_latency(p, r, args) and f"delay message with {ref}"


def m_latency_attribute_decorator(p, r):
    path = _add_latency(p, r, "    delay_responses=[],\n")
    if not path:
        return None
    p.functions[path] = p.functions[path].replace("@func_latency_control(", "@adk.func_latency_control(")
    return "latency control through an attribute (not read: valid)"


def m_phrase_no_regex(p, r):
    if PF not in p.extra_files:
        _phrase_filters(p, r)
    t = p.extra_files[PF]
    t = re.sub(r"  regular_expressions:\n  - [^\n]*\n", r.choice(["  regular_expressions: []\n", ""]), t,
               count=1)
    p.extra_files[PF] = t
    return "phrase filter without regular expressions"


def m_phrase_function(p, r):
    if PF not in p.extra_files:
        _phrase_filters(p, r)
    flow_fns = [n[:-3] for fl in p.flows for n in fl["functions"]]
    name = r.choice(["no_such_function", "start_function"] + flow_fns[:1])
    t = p.extra_files[PF]
    if "  function: " in t:
        t = re.sub(r"  function: [^\n]*", f"  function: {name}", t, count=1)
    else:
        t += f"  function: {name}\n"
    p.extra_files[PF] = t
    return f"phrase filter calling {name}"


def m_phrase_shape(p, r):
    if PF not in p.extra_files:
        _phrase_filters(p, r)
    t = p.extra_files[PF]
    choice = r.choice(["int", "str", "say", "null"])
    if choice == "int":
        t = t.replace("  regular_expressions:\n", "  regular_expressions:\n  - 5\n", 1)
    elif choice == "str":
        t = re.sub(r"  regular_expressions:\n  - ([^\n]*)\n", r"  regular_expressions: \1\n", t, count=1)
    elif choice == "say":
        t = re.sub(r"say_phrase: \w+", "say_phrase: 'no'", t, count=1)
    else:
        t = "phrase_filtering:\n"
    p.extra_files[PF] = t
    return f"phrase filter of the wrong shape ({choice})"


MUTATIONS = [m_guardrail_unknown_platform, m_guardrail_platform_case, m_guardrail_missing_platform,
             m_guardrail_empty_field, m_guardrail_bad_ref, m_guardrail_wrong_kind,
             m_guardrail_too_many, m_guardrail_enabled_string, m_guardrail_shadowed,
             m_guardrail_null_list, m_latency_range, m_latency_empty, m_latency_message,
             m_latency_ref, m_latency_attribute_decorator, m_phrase_no_regex, m_phrase_function,
             m_phrase_shape]
