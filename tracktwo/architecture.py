"""The peace architecture's functions: the codes the institutions table uses, with display names."""

#: Display names of the institutions' function codes, in the order the course teaches them.
FUNCTION_LABELS = {
    "decision": "Decision",
    "negotiation": "Negotiation",
    "technical-support": "Technical support",
    "outreach": "Outreach",
    "monitoring": "Monitoring",
    "political-dialogue": "Political dialogue",
    "deadlock-breaking": "Deadlock-breaking",
}
