"""The classifier's label sets and how they map to CAMEO roots and PentaClass."""
from __future__ import annotations

NONE = "NONE"

#: PLOVER event types as PLV spells them (YIELD covers PLOVER's CONCEDE and RETREAT).
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT",                              # verbal cooperation
    "COOPERATE", "AID", "YIELD",                                # material cooperation
    "REQUEST", "ACCUSE", "REJECT", "THREATEN",                  # verbal conflict
    "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT",     # material conflict
)

#: What ``EventTypeClassifier.predict`` returns: a PLOVER type or NONE (no political event).
TYPE_LABELS = PLOVER_TYPES + (NONE,)

#: CAMEO root -> PLOVER type (PLV naming). Root 01 (public statement) has no PLOVER type here.
ROOT_TO_TYPE = {
    "02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE",
    "07": "AID", "08": "YIELD", "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT",
    "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE",
    "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT",
}

#: PLOVER type -> the CAMEO root a coder should use when the classifier alone names the type.
TYPE_TO_ROOT = {
    "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07", "YIELD": "08",
    "REQUEST": "10", "ACCUSE": "11", "REJECT": "12", "THREATEN": "13", "PROTEST": "14",
    "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17", "ASSAULT": "19",
}

#: PLOVER types the project's CAMEO table uses for each PLV type (cameo.csv spells YIELD this way).
TYPE_TO_PROJECT_PLOVER = {"YIELD": ("CONCEDE", "RETREAT")}

#: PentaClass (ConfliBERT cameo_class labels): 0 statement/appeal (01-02), 1 verbal cooperation
#: (03-05), 2 material cooperation (06-08), 3 verbal conflict (09-13), 4 material conflict (14-20).
PENTA_LABELS = (0, 1, 2, 3, 4)


def root_to_penta(root: str) -> int:
    """PentaClass of a two-digit CAMEO root."""
    r = int(root)
    return 0 if r <= 2 else 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


def type_to_penta(plover: str) -> int:
    """PentaClass of a PLOVER type (REQUEST counts as verbal conflict, as in PLV)."""
    return root_to_penta(TYPE_TO_ROOT[plover])
