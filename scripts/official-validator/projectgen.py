"""Seed-driven generator of ADK agent projects in the shape of the public example projects.

A project is built as a model (plain dicts and lists), optionally damaged by mutations, then
written out as files.  `generate(seed)` returns a `Project` whose `mutations` list names what was
changed (empty: a project meant to be valid).  Every random choice comes from `random.Random(seed)`,
so a seed always gives the same project.

Only the standard library is used: YAML is written by the small emitter below.
"""

import json
import os
import random
import re

# --------------------------------------------------------------------------------------------
# YAML emitter (block style, like the files `poly pull` writes)

_PLAIN_OK = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_ .,/()'+-]*$")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"}


def _scalar(value):
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    s = str(value)
    if (_PLAIN_OK.match(s) and s.lower() not in _YAML_WORDS and not s.endswith(" ")
            and not re.fullmatch(r"[0-9+.eE-]+", s)):
        return s
    return json.dumps(s, ensure_ascii=False)


class Raw(str):
    """A string written verbatim as the value (for mutations that need malformed YAML)."""


def dump_yaml(data, indent=0):
    pad = " " * indent
    out = []
    if isinstance(data, dict):
        if not data:
            return pad + "{}\n"
        for key, value in data.items():
            k = _scalar(key)
            if isinstance(value, Raw):
                out.append(f"{pad}{k}: {value}\n")
            elif isinstance(value, dict) and value:
                out.append(f"{pad}{k}:\n" + dump_yaml(value, indent + 2))
            elif isinstance(value, list) and value:
                out.append(f"{pad}{k}:\n" + dump_yaml(value, indent))
            elif isinstance(value, str) and "\n" in value:
                body = "".join(f"{pad}  {line}\n" if line else "\n" for line in value.split("\n"))
                out.append(f"{pad}{k}: |-\n{body}")
            elif isinstance(value, dict):
                out.append(f"{pad}{k}: {{}}\n")
            elif isinstance(value, list):
                out.append(f"{pad}{k}: []\n")
            else:
                out.append(f"{pad}{k}: {_scalar(value)}\n")
        return "".join(out)
    if isinstance(data, list):
        for item in data:
            if isinstance(item, dict) and item:
                inner = dump_yaml(item, indent + 2)
                out.append(pad + "- " + inner[indent + 2:])
            elif isinstance(item, list) and item:
                out.append(pad + "-\n" + dump_yaml(item, indent + 2))
            else:
                out.append(f"{pad}- {_scalar(item)}\n")
        return "".join(out)
    return pad + _scalar(data) + "\n"


# --------------------------------------------------------------------------------------------
# names


def clean_name(name, lowercase=True):
    """The ADK's clean_name (resources/resource_utils.py): Unicode-aware, \\w keeps letters."""
    if lowercase:
        name = name.lower()
    name = re.sub(r"[^\w\s]", " ", name)
    name = re.sub(r"\s+", "_", name)
    name = re.sub(r"_+", "_", name)
    return name.strip("_")


WORDS = ["billing", "booking", "cancel", "reschedule", "opening", "hours", "parking", "menu",
         "refund", "delivery", "account", "payment", "insurance", "pharmacy", "records", "order",
         "status", "returns", "loyalty", "gift", "card", "allergy", "dietary", "visit", "service"]
HANDOFF_NAMES = ["Front_Desk", "BILLING", "Scheduling", "CLINICAL_SUPPORT", "Records", "Manager",
                 "Reservations", "Front Desk", "After Hours", "Spanish_Line", "Escalations"]
FLOW_TITLES = ["Booking Flow", "Cancel Flow", "Reschedule Flow", "Verify Caller", "SMS Flow",
               "Order Status", "Returns Flow", "Take Out"]
STEP_TITLES = ["Collect Name", "Collect Date", "Confirm Details", "Offer Slot", "Read Back Number",
               "Ask Reason", "Collect Party Size", "Final Step", "Check Availability",
               "Handle Refusal", "Collect Email", "Wrap Up"]
UNICODE_TITLES = ["Café Menu", "Über Hours", "Niño Policy", "Crème Brûlée Specials"]
PHONES = ["+14155550123", "+442071838750", "+15550001234", "sip:desk@pbx.example.com",
          "<sip:+1234567890@54.154.39.202>", "sips:billing@sip.example.org"]


class Project:
    def __init__(self, seed):
        self.seed = seed
        self.mutations = []  # names of the changes made on top of the valid model
        self.handoffs = []
        self.sms = []
        self.variants = []
        self.attributes = []
        self.entities = []
        self.topics = []  # dicts with file + body
        self.functions = {}  # relative path -> source
        self.flows = []  # dicts: folder, config, steps{file: dict}, functions{file: src}, fsteps{}
        self.rules = ""
        self.persona = None
        self.legacy = False
        self.extra_files = {}  # relative path -> text (written verbatim, last)
        self.text_patches = []  # (relative path, callable(text) -> text) applied after writing
        self.delete_files = []
        self.variables = set()

    # ---- writing ---------------------------------------------------------------------------

    def files(self):
        f = {"project.yaml": dump_yaml({"project_id": f"PROJECT-GEN{self.seed:06d}",
                                        "account_id": "generated", "region": "us-1",
                                        "project_name": f"Generated {self.seed}"})}
        f["agent_settings/rules.txt"] = self.rules
        if self.persona is not None:
            f["agent_settings/persona.txt"] = self.persona
        if self.legacy:
            f["agent_settings/personality.yaml"] = dump_yaml(
                {"adjectives": {"Polite": True, "Other": True}, "custom": "Friendly and calm."})
            f["agent_settings/role.yaml"] = dump_yaml(
                {"value": "Receptionist", "additional_info": "", "custom": ""})
        f["agent_settings/languages.yaml"] = dump_yaml(
            {"default_language": "en-US", "additional_languages": []})
        if self.handoffs is not None and self.handoffs != []:
            f["config/handoffs.yaml"] = dump_yaml({"handoffs": self.handoffs})
        if self.sms:
            f["config/sms_templates.yaml"] = dump_yaml({"sms_templates": self.sms})
        if self.variants or self.attributes:
            f["config/variant_attributes.yaml"] = dump_yaml(
                {"variants": self.variants, "attributes": self.attributes})
        if self.entities:
            f["config/entities.yaml"] = dump_yaml({"entities": self.entities})
        for t in self.topics:
            f["topics/" + t["file"]] = dump_yaml(t["body"])
        f.update(self.functions)
        for fl in self.flows:
            base = f"flows/{fl['folder']}/"
            f[base + "flow_config.yaml"] = dump_yaml(fl["config"])
            for name, body in fl["steps"].items():
                f[base + "steps/" + name] = dump_yaml(body)
            for name, src in fl["functions"].items():
                f[base + "functions/" + name] = src
            for name, src in fl["fsteps"].items():
                f[base + "function_steps/" + name] = src
        f.update(self.extra_files)
        for path in self.delete_files:
            f.pop(path, None)
        for path, patch in self.text_patches:
            if path in f:
                f[path] = patch(f[path])
        return f

    def write(self, root):
        for rel, text in self.files().items():
            path = os.path.join(root, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)


# --------------------------------------------------------------------------------------------
# the valid project


def _func(name, description, body, params=(), flow=False, decorate=True):
    lines = ["from _gen import *  # <AUTO GENERATED>", "", ""]
    if decorate:
        lines.append(f"@func_description({json.dumps(description)})")
        for pname, ptype, pdesc in params:
            lines.append(f"@func_parameter({json.dumps(pname)}, {json.dumps(pdesc)})")
    args = ["conv: Conversation"] + (["flow: Flow"] if flow else [])
    args += [f"{pname}: {ptype}" for pname, ptype, _ in params]
    lines.append(f"def {name}({', '.join(args)}):")
    lines += ["    " + ln for ln in body]
    return "\n".join(lines) + "\n"


def build(seed):
    r = random.Random(seed)
    p = Project(seed)
    p.r = r

    # variants and attributes -------------------------------------------------------------
    n_variants = r.choice([1, 1, 2, 3])
    vnames = r.sample(["Poly Clinic", "Main_Site", "Downtown", "Uptown", "Poly Bistro Waterfront"],
                      n_variants)
    default_v = r.randrange(n_variants)
    p.variants = [dict({"name": v}, **({"is_default": True} if i == default_v else {}))
                  for i, v in enumerate(vnames)]
    kinds = ["string", "string", "string", "number", "boolean", "enum", "object"]
    attr_names = r.sample(["site_name", "phone_number", "opening_hours", "max_party_size",
                           "has_parking", "tier", "address_info", "menu_sms", "timezone",
                           "brand_name", "transfer_number_STANDARD", "hours_json"], r.randint(2, 6))
    for a in attr_names:
        kind = r.choice(kinds)
        attr = {"name": a}
        if kind != "string":
            attr["kind"] = kind
        if kind == "enum":
            attr["config"] = {"values": ["gold", "silver", "bronze"]}
        values = {}
        for v in vnames:
            if kind == "string":
                values[v] = r.choice([f"{v} {a.replace('_', ' ')}", "", "We open at 9am."])
            elif kind == "number":
                values[v] = r.choice([8, 12.5, 20])
            elif kind == "boolean":
                values[v] = r.choice([True, False])
            elif kind == "enum":
                values[v] = r.choice(["gold", "silver", "bronze"])
            else:
                values[v] = {"mon": "9-5", "tue": "9-5"} if r.random() < 0.6 else ["a", "b"]
        attr["values"] = values
        p.attributes.append(attr)
    string_attrs = [a["name"] for a in p.attributes if "kind" not in a]

    # entities -----------------------------------------------------------------------------
    ent_defs = [("full_name", "name_config", {}), ("date_of_birth", "date", {"relative_date": False}),
                ("phone_number", "phone_number", {"enabled": True, "country_codes": ["US"]}),
                ("party_size", "numeric", {"has_decimal": False, "has_range": True, "min": 1, "max": 20}),
                ("reason", "free_text", {}), ("visit_type", "enum", {"options": ["new", "follow-up"]})]
    for name, etype, cfg in r.sample(ent_defs, r.randint(0, 4)):
        p.entities.append({"name": name, "description": f"The caller's {name.replace('_', ' ')}.",
                           "entity_type": etype, "config": cfg})
    entity_names = [e["name"] for e in p.entities]

    # handoffs -----------------------------------------------------------------------------
    hnames = []
    for name in r.sample(HANDOFF_NAMES, r.randint(1, 4)):
        # two names with one clean name ("Front Desk", "Front_Desk") are one handoff to the ADK
        if clean_name(name, False) not in {clean_name(n, False) for n in hnames}:
            hnames.append(name)
    default_h = r.randrange(len(hnames))
    for i, name in enumerate(hnames):
        method = r.choice(["refer", "refer", "invite", "bye"])
        h = {"name": name, "description": r.choice(["", f"Transfer to {name.lower()}"]),
             "is_default": i == default_h}
        shape = r.random()
        if method == "bye" and shape < 0.3:
            pass  # no sip_config at all: the ADK reads it as bye
        elif method == "bye" and shape < 0.5:
            h["sip_config"] = {}  # sip_config without method: bye too
        elif method == "bye":
            h["sip_config"] = {"method": "bye"}
        elif method == "refer":
            h["sip_config"] = {"method": "refer", "phone_number": r.choice(PHONES)}
        else:
            h["sip_config"] = {"method": "invite", "phone_number": r.choice(PHONES[:3]),
                               "outbound_endpoint": r.choice(["", "sip.example.com"]),
                               "outbound_encryption": r.choice(["TLS/SRTP", "UDP/RTP"])}
        if r.random() < 0.4 and method != "bye":
            h["sip_headers"] = [{"key": "X-PolyAI-Reason", "value": "$handoff_reason"}]
            p.variables.add("handoff_reason")
        elif r.random() < 0.5:
            h["sip_headers"] = []
        p.handoffs.append(h)
    ref_handoffs = [h for h in hnames if " " not in h] or hnames

    # SMS templates ------------------------------------------------------------------------
    sms_names = r.sample(["appointment_confirmation", "clinic_address", "take_out", "menu",
                          "Returns-start_a_return", "Tracking link"], r.randint(0, 3))
    for name in sms_names:
        text = r.choice(["Thanks for calling! Your appointment is confirmed.",
                         "Hi from ${variant_%s}. See you soon." % r.choice(string_attrs)
                         if string_attrs else "Hi there. See you soon.",
                         "Your booking reference is {{vrbl:booking_ref}}.",
                         "Thanks for calling!\n\nOur address is 123 Main Street."])
        if "booking_ref" in text:
            p.variables.add("booking_ref")  # assigned by functions/send_sms.py
        p.sms.append({"name": name, "text": text,
                      "env_phone_numbers": {"sandbox": "", "pre_release": "", "live": "+15550001234"}})

    # flows --------------------------------------------------------------------------------
    flow_titles = r.sample(FLOW_TITLES, r.randint(0, 3))
    flow_names = []
    for ftitle in flow_titles:
        folder = clean_name(ftitle)
        flow_names.append(ftitle)
        fl = {"title": ftitle, "folder": folder, "steps": {}, "functions": {}, "fsteps": {}}
        titles = r.sample(STEP_TITLES, r.randint(1, 4))
        fnames = [clean_name(t) for t in r.sample(["Name Given", "Date Given", "Confirmed",
                                                   "Go Back", "Slot Rejected"], r.randint(1, 3))]
        use_fstep = r.random() < 0.4
        fstep_name = "route_" + folder if use_fstep else None
        step_kinds = {}
        for t in titles:
            step_kinds[t] = r.choice(["advanced_step", "advanced_step", "default_step"])
        for fn in fnames:
            target = r.choice(titles)
            body = [f"conv.state.{fn}_done = True", f'flow.goto_step("{target}")',
                    'return "Thank the caller."']
            p.variables.add(f"{fn}_done")
            params = [("value", "str", "What the caller said")] if r.random() < 0.5 else []
            fl["functions"][fn + ".py"] = _func(fn, f"Call when {fn.replace('_', ' ')}.", body,
                                                params, flow=True)
        if use_fstep:
            target = titles[0]
            fl["fsteps"][fstep_name + ".py"] = _func(fstep_name, "", [f'flow.goto_step("{target}")'],
                                                    flow=True, decorate=False)
        for i, t in enumerate(titles):
            kind = step_kinds[t]
            prompt_bits = [f"## Goal\n{t} with the caller."]
            if kind == "advanced_step":
                prompt_bits.append(f"When done, call {{{{ft:{r.choice(fnames)}}}}}.")
                # a site reaches a person either through the handoff function or a handoff
                # reference, as in the example projects (both at once is SB301's case)
                pick = r.random()
                if pick < 0.3:
                    prompt_bits.append("If stuck, call {{fn:handoff}}.")
                elif pick < 0.6:
                    prompt_bits.append(f"Transfer with {{{{ho:{r.choice(ref_handoffs)}}}}} if asked.")
            if string_attrs and r.random() < 0.4:
                prompt_bits.append(f"We are {{{{attr:{r.choice(string_attrs)}}}}}.")
            if entity_names and kind == "default_step" and r.random() < 0.6:
                prompt_bits.append(f"Save it as {{{{entity:{r.choice(entity_names)}}}}}.")
            step = {"step_type": kind, "name": t}
            if kind == "default_step":
                others = [x for x in titles if x != t] + ([fstep_name] if use_fstep else [])
                conds = []
                if others:
                    conds.append({"name": "Done", "condition_type": "step_condition",
                                  "description": "When the caller has answered.",
                                  "child_step": r.choice(others),
                                  "required_entities": r.sample(entity_names, min(1, len(entity_names)))})
                conds.append({"name": "Caller leaves", "condition_type": "exit_flow_condition",
                              "description": "When the caller wants to stop.",
                              "required_entities": []})
                step["conditions"] = conds
                step["extracted_entities"] = r.sample(entity_names, min(len(entity_names), r.randint(0, 2)))
            step["prompt"] = "\n\n".join(prompt_bits)
            fl["steps"][clean_name(t) + ".yaml"] = step
        start = fstep_name if use_fstep and r.random() < 0.5 else titles[0]
        fl["config"] = {"name": ftitle, "description": f"Flow for {ftitle.lower()}.", "start_step": start}
        p.flows.append(fl)

    # global functions ---------------------------------------------------------------------
    p.functions["functions/start_function.py"] = _func(
        "start_function", "", ["conv.state.caller_tier = 'standard'", "return None"], decorate=False)
    p.variables.add("caller_tier")
    if r.random() < 0.5:
        p.functions["functions/end_function.py"] = _func("end_function", "", ["return None"], decorate=False)
    handoff_target = r.choice(hnames)
    handoff_body = [f"conv.state.handoff_reason = {json.dumps('SPEAK_TO')}",
                    f"return conv.call_handoff(destination={json.dumps(handoff_target)}, reason=\"SPEAK_TO\")"]
    p.variables.add("handoff_reason")
    p.functions["functions/handoff.py"] = _func(
        "handoff", "Transfer the caller to a person.", handoff_body,
        [("handoff_reason", "str", "Why the caller is transferred")])
    gfuncs = ["handoff"]
    for fl in p.flows:
        name = "start_" + fl["folder"]
        gfuncs.append(name)
        p.functions[f"functions/{name}.py"] = _func(
            name, f"Start the {fl['title']}.", [f'conv.goto_flow("{fl["title"]}")', "return None"])
    if sms_names:
        p.functions["functions/send_sms.py"] = _func(
            "send_sms", "Send the caller a text message.",
            ["conv.state.sms_sent = True", "conv.state.booking_ref = 'ABC123'",
             "return {\"utterance\": \"Sent.\"}"],
            [("template", "str", "The template to send")])
        gfuncs.append("send_sms")
        p.variables.add("sms_sent")
    p.functions["functions/utils.py"] = (
        "from _gen import *  # <AUTO GENERATED>\n\n\ndef format_phone(number):\n"
        "    return number.replace(' ', '')\n\n\n@func_description(\"Helpers.\")\n"
        "def utils(conv: Conversation):\n    return None\n")
    gfuncs.append("utils")

    # topics -------------------------------------------------------------------------------
    topic_titles = set()
    for _ in range(r.randint(1, 5)):
        if r.random() < 0.06:
            title = r.choice(UNICODE_TITLES)
        else:
            title = " ".join(r.sample(WORDS, r.randint(1, 3))).capitalize()
        if clean_name(title) in {clean_name(t) for t in topic_titles}:
            continue
        topic_titles.add(title)
        actions = [f"1. Answer questions about {title.lower()}."]
        if r.random() < 0.5:
            actions.append("2. If the caller wants a person, call {{fn:handoff}}." if r.random() < 0.5
                           else f"2. If the caller wants a person, use {{{{ho:{r.choice(ref_handoffs)}}}}}.")
        if sms_names and r.random() < 0.5:
            pick = r.choice(sms_names)
            actions.append(f"3. Offer to text it with {{{{fn:send_sms}}}}: {{{{twilio_sms:{pick}}}}}.")
        if string_attrs and r.random() < 0.5:
            actions.append(f"4. Mention {{{{attr:{r.choice(string_attrs)}}}}}.")
        if r.random() < 0.3:
            actions.append("5. The caller tier is {{vrbl:caller_tier}}.")
        body = {"name": title, "enabled": r.random() < 0.9}
        if r.random() < 0.3:
            body["tags"] = r.sample(["billing", "faq", "hours", "policy"], r.randint(1, 2))
        body["actions"] = "\n".join(actions)
        body["content"] = f"**{title}:** we are happy to help.\n\nMore details on the website."
        body["example_queries"] = [f"Tell me about {title.lower()}", f"question {r.randint(1, 99)}"][
            :r.randint(1, 2)]
        p.topics.append({"file": clean_name(title) + ".yaml", "body": body})

    # rules and persona --------------------------------------------------------------------
    rules = ["## TASK", "You answer calls for the business. Today is $datetime_now_readable.",
             "## TRANSFERS", "Use {{fn:handoff}} when the caller asks for a person."]
    if r.random() < 0.5:
        rules.append(f"## BILLING\nFor billing, transfer with {{{{ho:{r.choice(ref_handoffs)}}}}}.")
    if string_attrs and r.random() < 0.5:
        rules.append(f"The site is {{{{attr:{r.choice(string_attrs)}}}}}.")
    if sms_names and r.random() < 0.4:
        rules.append(f"You may send {{{{twilio_sms:{sms_names[0]}}}}}." if " " not in sms_names[0]
                     else "You may send texts.")
    p.rules = "\n".join(rules) + "\n"
    if r.random() < 0.5:
        p.persona = "You are a friendly receptionist."
        if string_attrs and r.random() < 0.5:
            p.persona += f" You work at {{{{attr:{r.choice(string_attrs)}}}}}."
    p.legacy = r.random() < 0.3
    p.sms_names = sms_names
    p.hnames = hnames
    p.gfuncs = gfuncs
    p.string_attrs = string_attrs
    p.entity_names = entity_names
    for ext in _EXTENSIONS:
        # Each extension draws from its own Random, so adding one leaves the others' projects as
        # they were.
        ext.extend(p, random.Random(f"{ext.__name__}:{seed}"))
    return p


# --------------------------------------------------------------------------------------------
# mutations: each takes the project and its Random, changes the model, and returns a short
# description (or None when it does not apply to this project)


def _first_topic(p):
    return p.topics[0] if p.topics else None


def _append_action(p, text):
    t = _first_topic(p)
    if not t:
        return None
    t["body"]["actions"] += "\n" + text
    return t["file"]


def m_ref_unknown(p, r):
    kind = r.choice(["ho", "fn", "attr", "twilio_sms", "vrbl", "tn"])
    return _append_action(p, f"Also see {{{{{kind}:no_such_{kind}}}}}.") and f"unknown {kind} reference in a topic"


def m_ref_unknown_spaced(p, r):
    return _append_action(p, "Transfer with {{ho:No Such Desk}}.") and "unknown handoff name with a space"


def m_ref_wrong_kind_topic(p, r):
    kind = r.choice(["ft", "entity"])
    return _append_action(p, f"Call {{{{{kind}:something}}}}.") and f"{kind} reference in a topic"


def m_ref_kind_unknown(p, r):
    return _append_action(p, "Call {{func:handoff}}.") and "unknown reference kind"


def m_ref_malformed(p, r):
    text = r.choice(["{{ho:%s}", "{{ ho:%s }}", "{{ho:}}"])
    arg = p.hnames[0]
    return _append_action(p, "Use " + (text % arg if "%s" in text else text) + ".") and "malformed reference"


def m_sms_wrong_ref(p, r):
    if not p.sms:
        return None
    kind = r.choice(["ho:" + p.hnames[0], "fn:handoff", "attr:" + (p.string_attrs or ["x"])[0]])
    p.sms[0]["text"] += " {{%s}}" % kind
    return f"{kind.split(':')[0]} reference in an SMS text"


def m_sms_variant_unknown(p, r):
    if not p.sms:
        return None
    p.sms[0]["text"] += " ${variant_no_such_attribute}"
    return "${variant_x} of an unknown attribute in an SMS text"


def m_sms_empty(p, r):
    if not p.sms:
        return None
    p.sms[0]["text"] = ""
    return "empty SMS text"


def m_persona_ref(p, r):
    p.persona = (p.persona or "You are helpful.") + " Transfer with {{ho:%s}}." % p.hnames[0]
    return "handoff reference in persona.txt"


def m_rules_ref_ft(p, r):
    p.rules += "Call {{ft:anything}} when done.\n"
    return "ft reference in rules.txt"


def _h(p, r):
    return r.choice(p.handoffs) if p.handoffs else None


def m_sip_bad_method(p, r):
    h = _h(p, r)
    h["sip_config"] = dict(h.get("sip_config") or {}, method=r.choice(["transfer", "INVITE", "Refer"]))
    h["sip_config"].setdefault("phone_number", "+14155550123")
    return "unknown SIP method"


def m_invite_no_encryption(p, r):
    h = _h(p, r)
    enc = r.choice([None, "", "tls", "TLS"])
    h["sip_config"] = {"method": "invite", "phone_number": "+14155550123", "outbound_endpoint": ""}
    if enc is not None:
        h["sip_config"]["outbound_encryption"] = enc
    return f"invite with encryption {enc!r}"


def m_refer_no_phone(p, r):
    h = _h(p, r)
    h["sip_config"] = {"method": r.choice(["refer", "invite"]), "outbound_encryption": "TLS/SRTP"}
    if h["sip_config"]["method"] == "refer":
        del h["sip_config"]["outbound_encryption"]
    return f"{h['sip_config']['method']} without phone_number"


def m_bad_phone(p, r):
    h = _h(p, r)
    h["sip_config"] = {"method": "refer", "phone_number": r.choice(["12345", "call the desk", "415-555-0123",
                                                                    "+1 (415) 555-1234"])}
    return "refer to a malformed number"


def m_phone_int(p, r):
    h = _h(p, r)
    h["sip_config"] = {"method": "refer", "phone_number": Raw("14155550123")}
    return "phone_number as an integer"


def m_no_default_handoff(p, r):
    for h in p.handoffs:
        h["is_default"] = False
    return "no default handoff"


def m_two_default_handoffs(p, r):
    if len(p.handoffs) < 2:
        p.handoffs.append({"name": "Overflow", "description": "", "is_default": False,
                           "sip_config": {"method": "bye"}})
    for h in p.handoffs[:2]:
        h["is_default"] = True
    return "two default handoffs"


def m_dup_handoff(p, r):
    h = dict(r.choice(p.handoffs))
    h["is_default"] = False
    p.handoffs.append(h)
    return "duplicate handoff name"


def m_empty_handoff_name(p, r):
    p.handoffs.append({"name": r.choice(["", None]), "description": "", "is_default": False,
                       "sip_config": {"method": "bye"}})
    return "handoff without a name"


def m_is_default_string(p, r):
    h = _h(p, r)
    h["is_default"] = r.choice(["yes", "true", Raw("1")])
    return "is_default not a boolean"


def m_header_bad(p, r):
    h = _h(p, r)
    h["sip_config"] = {"method": "refer", "phone_number": "+14155550123"}
    h["sip_headers"] = [{"key": r.choice(["Reason", "X Reason", "X-Reason:"]), "value": "transfer"}]
    return "SIP header name not custom/invalid"


def m_unknown_field(p, r):
    where = r.choice(["handoff", "topic", "step", "sms"])
    if where == "handoff":
        h = _h(p, r)
        h["phone_numer"] = "+14155550123"
    elif where == "topic" and p.topics:
        p.topics[0]["body"]["descripton"] = "typo"
    elif where == "step" and p.flows:
        next(iter(p.flows[0]["steps"].values()))["promt"] = "typo"
    elif where == "sms" and p.sms:
        p.sms[0]["txt"] = "typo"
    else:
        return None
    return f"unknown field in a {where}"


def m_topic_many_queries(p, r):
    t = _first_topic(p)
    if not t:
        return None
    n = r.choice([20, 21, 25])
    t["body"]["example_queries"] = [f"query number {i}" for i in range(n)]
    return f"{n} example queries"


def m_topic_file_mismatch(p, r):
    t = _first_topic(p)
    if not t:
        return None
    t["file"] = r.choice(["Wrong Name.yaml", "other_topic.yaml", t["file"].replace("_", "-")])
    return "topic file name does not match its name"


def m_topic_tags(p, r):
    t = _first_topic(p)
    if not t:
        return None
    t["body"]["tags"] = r.choice([["faq", "faq"], ["", "faq"], Raw("faq"), ["  "]])
    return "bad topic tags"


def m_topic_enabled_string(p, r):
    t = _first_topic(p)
    if not t:
        return None
    t["body"]["enabled"] = r.choice(["yes", "no", Raw("1")])
    return "topic enabled not a boolean"


def m_topic_missing_name(p, r):
    t = _first_topic(p)
    if not t:
        return None
    del t["body"]["name"]
    return "topic without a name (legacy: named by its file)"


def m_no_default_variant(p, r):
    for v in p.variants:
        v.pop("is_default", None)
    return "no default variant"


def m_two_default_variants(p, r):
    if len(p.variants) < 2:
        p.variants.append({"name": "Second_Site"})
        for a in p.attributes:
            first = next(iter(a["values"].values()))
            a["values"]["Second_Site"] = first
    for v in p.variants[:2]:
        v["is_default"] = True
    return "two default variants"


def m_attr_missing_variant(p, r):
    a = r.choice(p.attributes)
    if len(p.variants) >= 2 and r.random() < 0.5:
        a["values"].pop(p.variants[-1]["name"], None)
        return "attribute misses a variant"
    a["values"]["No Such Variant"] = "x"
    return "attribute names an unknown variant"


def m_attr_bad_name(p, r):
    a = r.choice(p.attributes)
    old = a["name"]
    a["name"] = r.choice(["customer-name", "class", "2nd_site", "café_name", "site name"])
    return f"attribute name {a['name']!r} (was {old})"


def m_attr_kind_mismatch(p, r):
    a = r.choice(p.attributes)
    kind = a.get("kind", "string")
    v = next(iter(a["values"]))
    if kind == "number":
        a["values"][v] = "lots"
    elif kind == "boolean":
        a["values"][v] = "maybe"
    elif kind == "enum":
        a["values"][v] = "platinum"
    elif kind == "object":
        a["values"][v] = "not json"
    else:
        a["values"][v] = r.choice([Raw("42"), Raw("true")])
    return f"{kind} attribute value of the wrong kind"


def m_attr_unknown_kind(p, r):
    a = r.choice(p.attributes)
    a["kind"] = r.choice(["integer", "list", "json"])
    return "unknown attribute kind"


def m_attr_config_on_string(p, r):
    a = r.choice(p.attributes)
    if a.get("kind") == "enum":
        a["config"] = {"values": []}
        return "enum attribute with no values"
    a["config"] = {"values": ["a"]}
    return "config on a non-enum attribute"


def m_attr_dup(p, r):
    a = dict(r.choice(p.attributes))
    p.attributes.append(a)
    return "duplicate attribute name"


def m_sms_dup(p, r):
    if not p.sms:
        return None
    p.sms.append(dict(p.sms[0]))
    return "duplicate SMS template name"


def _flow(p, r):
    return r.choice(p.flows) if p.flows else None


def m_start_step_unknown(p, r):
    fl = _flow(p, r)
    if not fl:
        return None
    fl["config"]["start_step"] = r.choice(["No Such Step", "", clean_name(next(iter(fl["steps"].values()))["name"])])
    return "start_step names no step"


def m_flow_description(p, r):
    fl = _flow(p, r)
    if not fl:
        return None
    fl["config"]["description"] = r.choice(["", " padded "])
    return "flow description empty"


def m_flow_folder_mismatch(p, r):
    fl = _flow(p, r)
    if not fl:
        return None
    fl["config"]["name"] = fl["config"]["name"] + " Renamed"
    return "flow folder does not match its name"


def m_step_file_mismatch(p, r):
    fl = _flow(p, r)
    if not fl:
        return None
    k = next(iter(fl["steps"]))
    fl["steps"]["renamed_" + k] = fl["steps"].pop(k)
    return "step file name does not match its name"


def m_step_bad_name(p, r):
    fl = _flow(p, r)
    if not fl:
        return None
    k = next(iter(fl["steps"]))
    step = fl["steps"][k]
    old = step["name"]
    step["name"] = old + r.choice([" #1", "?", "!"])
    # keep the file name consistent with the new name so only the character check fires
    fl["steps"][clean_name(step["name"]) + ".yaml"] = fl["steps"].pop(k)
    return "step name with a character the ADK rejects"


def m_step_empty_prompt(p, r):
    fl = _flow(p, r)
    if not fl:
        return None
    next(iter(fl["steps"].values()))["prompt"] = ""
    return "empty step prompt"


def m_default_step_fn(p, r):
    fl = _flow(p, r)
    if not fl:
        return None
    for s in fl["steps"].values():
        if s["step_type"] == "default_step":
            s["prompt"] += "\n\nCall {{fn:handoff}}."
            return "function reference in a default step"
    return None


def m_step_tn_ref(p, r):
    fl = _flow(p, r)
    if not fl:
        return None
    next(iter(fl["steps"].values()))["prompt"] += "\n\nSay {{tn:greeting}}."
    return "translation reference in a step"


def m_child_step_unknown(p, r):
    fl = _flow(p, r)
    if not fl:
        return None
    for s in fl["steps"].values():
        for c in s.get("conditions", []):
            if c["condition_type"] == "step_condition":
                c["child_step"] = "No Such Step"
                return "condition child_step names no step"
    return None


def m_entity_unknown(p, r):
    fl = _flow(p, r)
    if not fl:
        return None
    for s in fl["steps"].values():
        if s["step_type"] == "default_step":
            if r.random() < 0.5:
                s["extracted_entities"] = list(s.get("extracted_entities", [])) + ["no_such_entity"]
                return "extracted_entities names no entity"
            s["conditions"][0]["required_entities"] = ["no_such_entity"]
            return "required_entities names no entity"
    return None


def m_step_entity_ref_unknown(p, r):
    fl = _flow(p, r)
    if not fl:
        return None
    next(iter(fl["steps"].values()))["prompt"] += "\n\nSave {{entity:no_such_entity}}."
    return "unknown entity reference in a step"


def m_ft_other_flow(p, r):
    fl = _flow(p, r)
    if not fl:
        return None
    for s in fl["steps"].values():
        if s["step_type"] == "advanced_step":
            s["prompt"] += "\n\nCall {{ft:no_such_transition}}."
            return "unknown ft reference in a step"
    return None


def m_goto_step_unknown(p, r):
    fl = _flow(p, r)
    if not fl or not fl["functions"]:
        return None
    k = next(iter(fl["functions"]))
    fl["functions"][k] = re.sub(r'flow\.goto_step\("[^"]*"\)', 'flow.goto_step("No Such Step")', fl["functions"][k])
    return "goto_step names no step"


def m_goto_flow_unknown(p, r):
    for path in list(p.functions):
        if "conv.goto_flow(" in p.functions[path]:
            p.functions[path] = re.sub(r'conv\.goto_flow\("[^"]*"\)', 'conv.goto_flow("No Such Flow")', p.functions[path])
            return "goto_flow names no flow"
    return None


def m_func_no_description(p, r):
    path = "functions/handoff.py"
    p.functions[path] = p.functions[path].replace('@func_description("Transfer the caller to a person.")\n', "")
    return "global function without @func_description"


def m_func_def_mismatch(p, r):
    path = "functions/handoff.py"
    choice = r.choice(["rename", "untyped", "multiline", "param_order"])
    src = p.functions[path]
    if choice == "rename":
        p.functions[path] = src.replace("def handoff(", "def transfer(")
    elif choice == "untyped":
        p.functions[path] = src.replace("conv: Conversation", "conv")
    elif choice == "multiline":
        p.functions[path] = src.replace("def handoff(conv: Conversation, handoff_reason: str):",
                                        "def handoff(\n    conv: Conversation,\n    handoff_reason: str,\n):")
        return "multi-line def header (valid)"
    else:
        p.functions[path] = src.replace("@func_parameter(", "@func_parameter(").replace(
            "handoff_reason: str", "handoff_reason: str, extra: int")
    return f"function definition mismatch ({choice})"


def m_func_syntax(p, r):
    p.functions["functions/handoff.py"] += "\ndef broken(:\n    pass\n"
    return "Python syntax error"


def m_yaml_syntax(p, r):
    target = r.choice(["config/handoffs.yaml", "topic"])
    if target == "topic" and p.topics:
        path = "topics/" + p.topics[0]["file"]
    else:
        path = "config/handoffs.yaml"
    p.text_patches.append((path, lambda t: t + "broken: [unclosed\n"))
    return f"YAML syntax error in {path}"


def m_dup_key(p, r):
    if not p.topics:
        return None
    path = "topics/" + p.topics[0]["file"]
    p.text_patches.append((path, lambda t: t + "enabled: true\n"))
    return "duplicate YAML key"


def m_dtmf_negative(p, r):
    fl = _flow(p, r)
    if not fl:
        return None
    s = next(iter(fl["steps"].values()))
    s["dtmf_config"] = {"is_enabled": True, "inter_digit_timeout": -1, "max_digits": 4,
                        "end_key": "#", "collect_while_agent_speaking": False, "is_pii": False}
    return "negative DTMF timeout"


def m_entity_bad_type(p, r):
    if not p.entities:
        return None
    e = p.entities[0]
    if r.random() < 0.5:
        e["entity_type"] = "email"
        return "unknown entity type"
    e["entity_type"] = "numeric"
    e["config"] = {"has_decimal": "no", "min": 1}
    return "entity config field of the wrong type"


def m_legacy_files(p, r):
    p.legacy = True
    return "legacy personality.yaml/role.yaml (valid)"


def m_unicode_topic(p, r):
    title = r.choice(UNICODE_TITLES)
    p.topics.append({"file": clean_name(title) + ".yaml",
                     "body": {"name": title, "enabled": True, "actions": "Answer.", "content": "Facts.",
                              "example_queries": ["what is it"]}})
    return "Unicode topic name (valid)"


def m_unicode_topic_ascii_file(p, r):
    title = "Café Menu"
    p.topics.append({"file": "cafe_menu.yaml",
                     "body": {"name": title, "enabled": True, "actions": "Answer.", "content": "Facts.",
                              "example_queries": ["what is it"]}})
    return "Unicode topic in an ASCII-folded file name"


def m_handoff_spaced_ref(p, r):
    p.handoffs.append({"name": "Front Desk Team", "description": "", "is_default": False,
                       "sip_config": {"method": "bye"}})
    _append_action(p, "Transfer with {{ho:Front Desk Team}}.")
    p.rules += "Front desk: {{ho:Front Desk Team}}.\n"
    return "reference to a handoff whose name has spaces (valid)"


def m_handoff_clean_collision(p, r):
    h = _h(p, r)
    twin = h["name"].replace("_", " ") if "_" in h["name"] else h["name"].replace(" ", "_")
    if twin == h["name"]:
        twin = h["name"] + "!"
    p.handoffs.append({"name": twin, "description": "", "is_default": False,
                       "sip_config": {"method": "bye"}})
    return f"two handoff names with one clean name ({h['name']!r}, {twin!r})"


def m_transfer_conflict(p, r):
    if not p.topics:
        return None
    _append_action(p, "Call {{fn:handoff}} or use {{ho:%s}}." % p.hnames[0])
    return "topic reaches both a handoff reference and a transferring function"


def m_handoff_no_sip(p, r):
    h = _h(p, r)
    h.pop("sip_config", None)
    h.pop("sip_headers", None)
    return "handoff without sip_config (valid: bye)"


def m_variant_ref_ok(p, r):
    if not p.sms or not p.string_attrs:
        return None
    p.sms[0]["text"] = "Hi from ${variant_%s}." % p.string_attrs[0]
    return "${variant_x} in an SMS text (valid)"


def m_topic_tags_ok(p, r):
    t = _first_topic(p)
    if not t:
        return None
    t["body"]["tags"] = ["faq", "Billing questions"]
    return "topic tags (valid)"


def m_object_attribute(p, r):
    p.attributes.append({"name": "opening_hours_json", "kind": "object",
                         "values": {v["name"]: {"mon": ["9:00", "17:00"]} for v in p.variants}})
    return "object attribute with mapping values (valid)"


MUTATIONS = [m_ref_unknown, m_ref_unknown_spaced, m_ref_wrong_kind_topic, m_ref_kind_unknown,
             m_ref_malformed, m_sms_wrong_ref, m_sms_variant_unknown, m_sms_empty, m_persona_ref,
             m_rules_ref_ft, m_sip_bad_method, m_invite_no_encryption, m_refer_no_phone, m_bad_phone,
             m_phone_int, m_no_default_handoff, m_two_default_handoffs, m_dup_handoff,
             m_empty_handoff_name, m_is_default_string, m_header_bad, m_unknown_field,
             m_topic_many_queries, m_topic_file_mismatch, m_topic_tags, m_topic_enabled_string,
             m_topic_missing_name, m_no_default_variant, m_two_default_variants,
             m_attr_missing_variant, m_attr_bad_name, m_attr_kind_mismatch, m_attr_unknown_kind,
             m_attr_config_on_string, m_attr_dup, m_sms_dup, m_start_step_unknown,
             m_flow_description, m_flow_folder_mismatch, m_step_file_mismatch, m_step_bad_name,
             m_step_empty_prompt, m_default_step_fn, m_step_tn_ref, m_child_step_unknown,
             m_entity_unknown, m_step_entity_ref_unknown, m_ft_other_flow, m_goto_step_unknown,
             m_goto_flow_unknown, m_func_no_description, m_func_def_mismatch, m_func_syntax,
             m_yaml_syntax, m_dup_key, m_dtmf_negative, m_entity_bad_type, m_legacy_files,
             m_unicode_topic, m_unicode_topic_ascii_file, m_handoff_spaced_ref, m_handoff_clean_collision, m_transfer_conflict, m_handoff_no_sip,
             m_variant_ref_ok, m_topic_tags_ok, m_object_attribute]


def _load_extensions():
    """The `gen_*.py` modules beside this file: the newer resource kinds, one module per family.

    A module may define `extend(p, r)`, which adds valid content of its kinds to a freshly built
    project (files go in `p.extra_files`), and `MUTATIONS`, more mutations in the shape above.
    """
    import importlib
    import sys

    here = os.path.dirname(os.path.abspath(__file__))
    if here not in sys.path:
        sys.path.insert(0, here)
    mods = []
    for name in sorted(os.listdir(here)):
        if name.startswith("gen_") and name.endswith(".py"):
            mods.append(importlib.import_module(name[:-3]))
    return mods


_EXTENSIONS = [m for m in _load_extensions() if hasattr(m, "extend")]
for _m in _load_extensions():
    MUTATIONS += getattr(_m, "MUTATIONS", [])


def generate(seed, clean_share=0.2):
    """The project for `seed`: valid for about `clean_share` of seeds, else 1-2 mutations."""
    p = build(seed)
    r = random.Random(seed * 7919 + 17)
    if r.random() >= clean_share:
        for _ in range(r.choice([1, 1, 1, 2])):
            for _attempt in range(10):
                m = r.choice(MUTATIONS)
                what = m(p, r)
                if what:
                    p.mutations.append(f"{m.__name__[2:]}: {what}")
                    break
    return p


if __name__ == "__main__":  # preview: python3 projectgen.py SEED DIR
    import sys

    proj = generate(int(sys.argv[1]))
    proj.write(sys.argv[2])
    print("\n".join(proj.mutations) or "(no mutation)")
