"""The English and French acronym-definition detector (Schwartz–Hearst, extended)."""

from __future__ import annotations

import pytest

from termkit.definitions import Definition, find_definitions, find_parenthesised_acronyms
from termkit.definitions.base import iter_parentheses, normalize_space

# --- schwartz_hearst.feature --------------------------------------------------------------------
# The scenarios of philgooch/abbreviation-extraction's tests/features/schwartz_hearst.feature
# (MIT licence), copied here as data so that they always run.

FEATURE_TEXT_1 = """The endoplasmic reticulum (ER) in Saccharomyces cerevisiae consists of a
reticulum underlying the plasma membrane (cortical ER) and ER associated with
the nuclear envelope (nuclear ER).
The SH3 domain of Myo5p regulates the
polymerization of actin through interactions with both Las17p, a homolog of
mammalian  Wiskott-Aldrich syndrome protein (WASP), and Vrp1p, a homolog of
WASP-interacting protein (WIP).
Ribonuclease P (RNase P) is a ubiquitous endoribonuclease that cleaves precursor
tRNAs to generate mature 5prime prime or minute termini.
The purified proteins
were separated by sodium dodecyl sulfate-polyacrylamide gel electrophoresis (SDS-PAGE) and
identified by peptide mass fingerprint analysis using
matrix-assisted laser desorption/ionization (MALDI) mass spectrometry."""

FEATURE_TEXT_2 = """Theory of mind (ToM; Smith 2009) broadly refers to humans’ ability to represent the mental states of others,
including their desires, beliefs, and intentions.
Applications of text-to-speech (TTS) include:
We review astronomy and physics engagement with the
Open Researcher and Contributor iD (ORCID) service as a solution.
The Proceeds of Crime Act 2002 ("PoCA 2002")."""  # noqa: E501

FEATURE_TEXT_3 = """The “satellite” goal of the program was accomplished when China established a space presence with the launch of Dongfanghong I in 1970; although, it wasn’t until the 21st century that the PRC space program kicked into high gear, with the rapid development, buildup and deployment of rockets, satellites, and the first Taikonaut (astronaut) in October 2003. In fact, prior to 2010, the PRC had only conducted ten space launches, one of which put the satellite into orbit.
Once more, also for the Space Race, a strong transatlantic link could strengthen the path towards a peaceful and prosperous future for humankind and by consequence, a more secure period for our democracies: it is in our hands (and brains) to transform these ideas into a great reality.
Berlin is acknowledging the vulnerabilities that could potentially arise through hostile acts in space and set up its own space monitoring center, called the Air and Space Operations Center (ASOC) in September 2020 ."""  # noqa: E501

FEATURE_TEXT_4 = "Bayesian linear regression of actual log(RT)"

# (text, short form, expected long form or None for "should be null")
FEATURE_CASES = [
    (FEATURE_TEXT_1, "ER", "endoplasmic reticulum"),
    (FEATURE_TEXT_1, "WASP", "Wiskott-Aldrich syndrome protein"),
    (FEATURE_TEXT_1, "WIP", "WASP-interacting protein"),
    (FEATURE_TEXT_1, "RNase P", "Ribonuclease P"),
    (FEATURE_TEXT_1, "SDS-PAGE", "sodium dodecyl sulfate-polyacrylamide gel electrophoresis"),
    (FEATURE_TEXT_1, "MALDI", "matrix-assisted laser desorption/ionization"),
    (FEATURE_TEXT_2, "ToM", "Theory of mind"),
    (FEATURE_TEXT_2, "TTS", "text-to-speech"),
    (FEATURE_TEXT_2, "ORCID", "Open Researcher and Contributor iD"),
    (FEATURE_TEXT_2, "PoCA 2002", "Proceeds of Crime Act 2002"),
    (FEATURE_TEXT_3, "ASOC", "Air and Space Operations Center"),
    (FEATURE_TEXT_3, "astronaut", None),
    (FEATURE_TEXT_3, "and brains", None),
    (FEATURE_TEXT_4, "RT", None),
]


def _mapping(text: str, lang: str = "en") -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for definition in find_definitions(text, lang):
        found.setdefault(definition.acronym, []).append(definition.full)
    return found


@pytest.mark.parametrize(("text", "short", "long"), FEATURE_CASES)
def test_schwartz_hearst_feature(text: str, short: str, long: str | None) -> None:
    found = _mapping(text)
    if long is None:
        assert short not in found
    else:
        assert found.get(short) == [long]


# --- English patterns ---------------------------------------------------------------------------

ENGLISH_CASES = [
    # long form (SF)
    ("the open-ended working group (OEWG) met", "OEWG", "open-ended working group", "long-short"),
    # SF (long form)
    ("ASGM (artisanal and small-scale gold mining) uses mercury", "ASGM",
     "artisanal and small-scale gold mining", "short-long"),
    ("The EITI (the Extractive Industries Transparency Initiative) reports", "EITI",
     "Extractive Industries Transparency Initiative", "short-long"),
    # long form ("SF")
    ('non-prescriptive proposals ("NPPs") were discussed', "NPPs",
     "non-prescriptive proposals", "quoted"),
    ("non-prescriptive proposals (“NPPs”) were discussed", "NPPs",
     "non-prescriptive proposals", "quoted"),
    # plural short forms, digits, hyphens, lower-case letters
    ("non-governmental organizations (NGOs) attended", "NGOs",
     "non-governmental organizations", "long-short"),
    ("levels of interleukin-6 (IL-6) rose", "IL-6", "interleukin-6", "long-short"),
    ("the amino acid (aa) sequence", "aa", "amino acid", "long-short"),
    ("mouse embryo fibroblast cells (MEF cells) grew", "MEF cells",
     "mouse embryo fibroblast cells", "long-short"),
    ("tumor necrosis factor alpha (TNF alpha) levels", "TNF alpha",
     "tumor necrosis factor alpha", "long-short"),
    # a long form across a line break
    ("the United Nations Environment\nProgramme (UNEP) said", "UNEP",
     "United Nations Environment Programme", "long-short"),
    ("the United Nations Environment\r\n  Programme (UNEP) said", "UNEP",
     "United Nations Environment Programme", "long-short"),
    # letters at word starts beat the shortest run (Schwartz–Hearst stops inside "Erectile")
    ("scores on the International Index of Erectile Function (IIEF) rose", "IIEF",
     "International Index of Erectile Function", "long-short"),
    ("users of proton pump inhibitors (PPIs) were", "PPIs", "proton pump inhibitors",
     "long-short"),
    # square brackets, and long form and short form inside one parenthesis
    ("a seven-channel electroencephalogram [EEG], and", "EEG", "electroencephalogram",
     "long-short"),
    ("in parenchymal vessels (blood-brain barrier, BBB), and", "BBB", "blood-brain barrier",
     "long-short"),
    # a stereo descriptor or an isotope label belongs to the chemical name
    ("Binding of (-)-[125I]-iodopindolol (IPIN) to membranes", "IPIN",
     "(-)-[125I]-iodopindolol", "long-short"),
    ("the uptake of [3H]dihydroalprenolol (DHA) by cells", "DHA", "[3H]dihydroalprenolol",
     "long-short"),
    ("the effect of (R)-propranolol (RP) on", "RP", "(R)-propranolol", "long-short"),
    # a nested parenthesis: the long form stays inside the outer one
    ("antibiotics (cefsulodin (CFS), 2 mg)", "CFS", "cefsulodin", "long-short"),
    # a number word gives a digit
    ("in two-dimensional (2D) ion trajectories", "2D", "two-dimensional", "long-short"),
    # one letter: the one word before
    ("levels of progesterone (P) rose", "P", "progesterone", "long-short"),
    # glued to its long form
    ("the ubiquitin(Ub)/proteasome system", "Ub", "ubiquitin", "long-short"),
    # numbered sessions define the body
    ("the fifth session of the United Nations Environment Assembly (UNEA-5) adopted", "UNEA",
     "United Nations Environment Assembly", "numbered-session"),
    ("at the sixth session of the United Nations Environment Assembly (UNEA 6)", "UNEA",
     "United Nations Environment Assembly", "numbered-session"),
    # digits as Roman numerals and ordinals, Greek letters spelled out
    ("a mouse homolog for human factor VIII-associated gene A (F8A) to", "F8A",
     "factor VIII-associated gene A", "long-short"),
    ("the International Classification of Diseases, Ninth Revision (ICD-9) codes", "ICD-9",
     "International Classification of Diseases, Ninth Revision", "long-short"),
    ("In Experiment 1, 5alpha-reductase immunoreactivity (5alpha-red-IR) and", "5alpha-red-IR",
     "5alpha-reductase immunoreactivity", "long-short"),
    ("deposits of amyloid beta (Abeta) in", "Abeta", "amyloid beta", "long-short"),
    # a subscript, a family member's number, a sign the long form spells
    ("showed decreases of forced expiratory volumes (FEV(1.0)), flow", "FEV(1.0)",
     "forced expiratory volumes", "long-short"),
    ("proteins involved in cell division control (cdc2) or", "cdc2", "cell division control",
     "long-short"),
    ("The M protein-negative (M-) strain had", "M-", "M protein-negative", "long-short"),
    # a negating prefix the short form has no letter for; a Latin phrase; a named complement
    ("using non-high-density lipoprotein (HDL) cholesterol", "HDL", "high-density lipoprotein",
     "long-short"),
    ("patients on anti-tumor necrosis factor (TNF) therapy", "TNF", "tumor necrosis factor",
     "long-short"),
    ("patients with non-small cell lung cancer (NSCLC) were", "NSCLC",
     "non-small cell lung cancer", "long-short"),
    ("after in vitro fertilization (IVF) cycles", "IVF", "in vitro fertilization", "long-short"),
    ("part of the Community Intervention Trial for Smoking Cessation (COMMIT), being", "COMMIT",
     "Community Intervention Trial for Smoking Cessation", "long-short"),
    # letters in another order than the words
    ("Myotonic dystrophy (DM) is an autosomal dominant disorder", "DM", "Myotonic dystrophy",
     "long-short"),
    ("Ventilation (.V(E)) and tidal volume (V(T)) were decreased", "V(T)", "tidal volume",
     "long-short"),
    ("the intracellular FasL domain (FasL ICD). We", "FasL ICD", "intracellular FasL domain",
     "long-short"),
    ("which include B2-type cyclin (CYCB2), CDC20.1 and", "CYCB2", "B2-type cyclin",
     "long-short"),
    ("the neural cell adhesion molecule L1 (L1CAM) has", "L1CAM", "cell adhesion molecule L1",
     "long-short"),
    ("the intracellular pH (pHi) fell", "pHi", "intracellular pH", "long-short"),
    # concentrations in square brackets
    ("CGN intracellular Ca2+ concentration ([Ca2+]i) was", "[Ca2+]i",
     "intracellular Ca2+ concentration", "long-short"),
    ("the intracellular calcium concentration ([Ca2+]i) rose", "[Ca2+]i",
     "intracellular calcium concentration", "long-short"),
    ("measured for creatine kinase concentration ([CK]), and", "[CK]",
     "creatine kinase concentration", "long-short"),
    # "free" (the unbound ion) has no letter in the notation
    ("a rise in the intracellular free calcium concentration ([Ca2+]i) was", "[Ca2+]i",
     "intracellular free calcium concentration", "long-short"),
    ("a rise in intracellular free Na+ concentration ([Na+]i) was", "[Na+]i",
     "intracellular free Na+ concentration", "long-short"),
    ("the plasma free fatty acid concentration ([FFA]) rose", "[FFA]",
     "free fatty acid concentration", "long-short"),
    # a quantity's symbol with a subscript: the words before the head noun spell the subscript
    ("measurements of short-circuit current (Isc) and resistance", "Isc",
     "short-circuit current", "long-short"),
    ("to derive both the association rate (k(a)) constants", "k(a)", "association rate",
     "long-short"),
    ("The equilibrium affinity constants (K(A)) were calculated", "K(A)", "affinity constants",
     "long-short"),
    ("the dissociation constant (Kd) of the complex", "Kd", "dissociation constant",
     "long-short"),
    # ... but when the head noun spells the symbol, the head noun alone is the long form: a
    # number or a qualifier before a unit is no subscript (units are common in bulletins)
    ("emissions fell by ten gigatonnes (Gt) in", "Gt", "gigatonnes", "long-short"),
    ("some two kilotonnes (Kt) of mercury", "Kt", "kilotonnes", "long-short"),
    ("the serum arsenic (As) level", "As", "arsenic", "long-short"),
    ("levels of bovine ubiquitin (Ub) rose", "Ub", "ubiquitin", "long-short"),
    # a space left out before the parenthesis
    ("the recombinant human soluble CD40 ligand(CD40L) with", "CD40L", "CD40 ligand",
     "long-short"),
    # a marker word announces the short form; the short form is what follows it
    ("the World Health Organization (or WHO) said", "WHO", "World Health Organization",
     "long-short"),
    ("the World Health Organization (i.e., WHO) said", "WHO", "World Health Organization",
     "long-short"),
    ("the World Health Organization (i.e. WHO) said", "WHO", "World Health Organization",
     "long-short"),
    ("the World Health Organization (ie WHO) said", "WHO", "World Health Organization",
     "long-short"),
    ("the World Health Organization (hereafter WHO) said", "WHO", "World Health Organization",
     "long-short"),
    ("the World Health Organization (hereafter, WHO) said", "WHO", "World Health Organization",
     "long-short"),
    ('the World Health Organization (hereinafter "WHO") said', "WHO",
     "World Health Organization", "quoted"),
    ("the World Health Organization (hereinafter “WHO”) said", "WHO",
     "World Health Organization", "quoted"),
    ('the World Health Organization (hereinafter referred to as "WHO") said', "WHO",
     "World Health Organization", "quoted"),
    ("the long-term potentiation (hereafter called LTP) was", "LTP", "long-term potentiation",
     "long-short"),
    ("the World Health Organization (referred to as WHO) said", "WHO",
     "World Health Organization", "long-short"),
    ("the World Health Organization (known as WHO) said", "WHO", "World Health Organization",
     "long-short"),
    ("the World Health Organization (also known as WHO) said", "WHO",
     "World Health Organization", "long-short"),
    ("the World Health Organization (abbreviated WHO) said", "WHO", "World Health Organization",
     "long-short"),
    ("the World Health Organization (abbreviated as WHO) said", "WHO",
     "World Health Organization", "long-short"),
    ("heart rate in beats per minute (abbreviated bpm) rose", "bpm", "beats per minute",
     "long-short"),
    ("the World Health Organization [i.e., WHO] said", "WHO", "World Health Organization",
     "long-short"),
    # the short form, then its long form, inside a parenthesis after a mention
    ("the agency (WHO; World Health Organization) said", "WHO", "World Health Organization",
     "short-long"),
    ("the agency (WHO, the World Health Organization) said", "WHO",
     "World Health Organization", "short-long"),
    ("the agency (World Health Organization; WHO) said", "WHO", "World Health Organization",
     "long-short"),
    # a possessive: the owner is the long form
    ("the World Health Organization's (WHO) report", "WHO", "World Health Organization",
     "long-short"),
    ("the World Health Organization’s (WHO) report", "WHO", "World Health Organization",
     "long-short"),
    ("patients with Alzheimer's disease (AD) were", "AD", "Alzheimer's disease", "long-short"),
    # a quoted name: the quotation marks are the sentence's, not the name's; nor is a
    # plural's possessive apostrophe
    ('the so-called "Global Mercury Partnership" (GMP) met', "GMP",
     "Global Mercury Partnership", "long-short"),
    ("the “Global Mercury Partnership” (GMP) met", "GMP", "Global Mercury Partnership",
     "long-short"),
    ("the ‘Global Mercury Partnership’ (GMP) met", "GMP", "Global Mercury Partnership",
     "long-short"),
    ("the 'Global Mercury Partnership' (GMP) met", "GMP", "Global Mercury Partnership",
     "long-short"),
    ("the Least Developed Countries’ (LDCs) group", "LDCs", "Least Developed Countries",
     "long-short"),
    # ... but a name may end with a quoted part, quotes and all
    ("the Alliance for “Responsible Mining” (ARM) met", "ARM",
     "Alliance for “Responsible Mining”", "long-short"),
    ("the Least Developed Countries' (LDCs) group", "LDCs", "Least Developed Countries",
     "long-short"),
    # the acronyms of UN bodies leave "United Nations" out
    ("the Office of the United Nations High Commissioner for Human Rights (OHCHR) spoke",
     "OHCHR", "Office of the United Nations High Commissioner for Human Rights", "long-short"),
    # a body's name whose complement takes it past the word limit
    ("the Intergovernmental Forum on Mining, Minerals, Metals and Sustainable Development (IGF)"
     " spoke", "IGF",
     "Intergovernmental Forum on Mining, Minerals, Metals and Sustainable Development",
     "long-short"),
    ("the Food and Agriculture Organization of the United Nations (FAO) spoke", "FAO",
     "Food and Agriculture Organization of the United Nations", "long-short"),
    # ... and the name before the complement wins when the complement spells the acronym less
    # well (the A inside "Programme")
    ("the United Nations Environment Assembly of the United Nations Environment Programme "
     "(UNEA) met", "UNEA",
     "United Nations Environment Assembly of the United Nations Environment Programme",
     "long-short"),
    ("the fifth session of the United Nations Environment Assembly of the United Nations "
     "Environment Programme (UNEA-5) met", "UNEA",
     "United Nations Environment Assembly of the United Nations Environment Programme",
     "numbered-session"),
    # square brackets, either way round
    ("the World Health Organization [WHO] said", "WHO", "World Health Organization",
     "long-short"),
    ("the WHO [World Health Organization] said", "WHO", "World Health Organization",
     "short-long"),
]


@pytest.mark.parametrize(("text", "acronym", "full", "pattern"), ENGLISH_CASES)
def test_english_definitions(text: str, acronym: str, full: str, pattern: str) -> None:
    found = find_definitions(text, "en")
    assert [(d.acronym, d.full, d.pattern) for d in found] == [(acronym, full, pattern)]


def test_a_long_form_may_hold_an_acronym_defined_before() -> None:
    text = (
        "Myotonic dystrophy (DM) is a disorder. The mutational basis of DM is a repeat in the "
        "myotonic dystrophy protein kinase gene (DMPK)."
    )
    found = [(d.acronym, d.full) for d in find_definitions(text, "en")]
    assert found == [
        ("DM", "Myotonic dystrophy"),
        ("DMPK", "myotonic dystrophy protein kinase gene"),
    ]
    # alone, DMPK's letters are not in the words' order
    assert find_definitions(text[text.index("The") :], "en") == []


NOT_DEFINITIONS = [
    "The meeting took place in Geneva (2023).",
    "as reported earlier (Smith et al., 2009)",
    "a dose of 5 mg/kg (5 mg) was given",
    "as shown in the figure (Fig. 2)",
    "in 523 cows (n = 523)",
    "the result was significant (P < 0.05)",
    "Bayesian linear regression of actual log(RT)",
    "the CB(1) receptor",
    "the segment(s) analysed",
    "it is in our hands (and brains) to act",
    "the first Taikonaut (astronaut) in 2003",
    "the co-chair, Martine Rohn-Brossard (Switzerland), opened",
    "the provisional agenda (UNEP/GIMM/1/1) was adopted",
    "the report of the Executive Director (see annex)",
    "the ligand dppe (1,2-bis(diphenylphosphino)ethane)",
    # one-letter labels of a list, a quoted letter
    "thrombosis of the internal carotid artery (A), thrombosis of the basilar artery (B)",
    "they lacked the small ('S') 23S RNA",
    # labels of a numbered series, a suspended compound
    "L2 gave the 1-D polymer (2a), 2:3 club sandwich (2b), and unique complex (2c) complexes",
    "Both Si- (silylene, methylsilylene, and silene) and C-containing species",
    # a long form is a noun phrase: not across a verb
    "the effect was seen in patients (WSP)",
    # a code, not a Roman numeral: I_n is no 1
    "I_n = I_(n-1) shifted",
    # a lower-case word before a parenthesis, initials or not
    "an (admittedly nonsensical) example",
    # a symbol with a subscript needs qualifiers that spell the subscript; a Latin element
    # symbol is not a quantity; a lower-case symbol glued to a letter is a unit
    "the rate (k(a)) fell",
    "the arterial blood lead (Pb) level",
    "the median length (mm) was",
    # a marker word before something that is no short form, or that the words before do not
    # spell; ``or`` and ``i.e.`` also open alternatives and glosses
    "patients were given the drug (or placebo) daily",
    "computed tomography (or MRI) scans were read",
    "cells kept in the dark (or in vivo) grew",
    "the amino acid (or aa) sequence",
    "the holding potential (i.e., -60 mV) was",
    "the World Health Organization (i.e., Geneva) said",
    'the Convention on Biological Diversity (hereinafter "the Convention") entered',
    "the town (known as Geneva) hosts",
    "the town (hereafter WHO) grew",
    # a short form and words inside the parenthesis that do not spell it out
    "the electrocardiogram (EKG, monophasic injury potentials) showed",
    "the receptor was blocked (CNQX; a non-NMDA receptor antagonist) and",
    "the risk fell (HR, 0.52; 95% CI 0.3-0.9) in",
    # a possessive does not make a long form of words that do not spell the short form
    "patients with Parkinson's (PD) were",
    # a name needs capitals in its complement and before it
    "raised tumour necrosis factor in Patients With Sepsis (TNF) levels",
    # a complement opened by "to" names something else; the words before it are too many
    "The Conference of the Parties to the Minamata Convention on Mercury (COP) met.",
    # a quantity and its unit
    "with MK 801 (10 nmol) or GM1 (160 nmol), and partially by CNQX (80 nmol).",
    # square brackets around a label or a date
    "labelled with tritium [3H] and published [20 July 1993] in",
]


@pytest.mark.parametrize("text", NOT_DEFINITIONS)
def test_not_definitions(text: str) -> None:
    assert find_definitions(text, "en") == []


# --- French -------------------------------------------------------------------------------------

FRENCH_CASES = [
    # elisions and articles are not part of the long form
    ("Selon l'Assemblée des Nations Unies pour l'environnement (ANUE), les", "ANUE",
     "Assemblée des Nations Unies pour l'environnement", "long-short"),
    ("Le rapport de l'Organisation de coopération et de développement économiques (OCDE) dit",
     "OCDE", "Organisation de coopération et de développement économiques", "long-short"),
    ("le Programme des Nations Unies pour l'environnement (PNUE) a", "PNUE",
     "Programme des Nations Unies pour l'environnement", "long-short"),
    ("les organisations non gouvernementales (ONG) présentes", "ONG",
     "organisations non gouvernementales", "long-short"),
    ("l'extraction minière artisanale et à petite échelle d'or (EMAPE) utilise", "EMAPE",
     "extraction minière artisanale et à petite échelle d'or", "long-short"),
    ("la Commission économique des Nations Unies pour l'Europe (CEE-ONU) a", "CEE-ONU",
     "Commission économique des Nations Unies pour l'Europe", "long-short"),
    ("d'après l'Initiative pour la transparence dans les industries extractives (ITIE), ",
     "ITIE", "Initiative pour la transparence dans les industries extractives", "long-short"),
    # letters in another order than the words, initials exactly the acronym's
    ("le Panel international des ressources (IRP) a publié", "IRP",
     "Panel international des ressources", "long-short"),
    # a long form across a line break, guillemets
    ("la proposition non\nnormative (« PNN ») retenue", "PNN", "proposition non normative",
     "quoted"),
    ("la cinquième session de l'Assemblée des Nations Unies pour l'environnement (ANUE-5)",
     "ANUE", "Assemblée des Nations Unies pour l'environnement", "numbered-session"),
    # guillemets around the name are not part of it
    ("le programme « Planète » (PLN) est en cours", "PLN", "Planète", "long-short"),
    ("le « Partenariat mondial sur le mercure » (PMM) s'est réuni", "PMM",
     "Partenariat mondial sur le mercure", "long-short"),
    ("l’Alliance « Or responsable » (AOR) a", "AOR", "Alliance « Or responsable »", "long-short"),
    # « Nations Unies » left out of the acronym; D from « droits », not « des »
    ("le Haut-Commissariat des Nations Unies aux droits de l'homme (HCDH) a", "HCDH",
     "Haut-Commissariat des Nations Unies aux droits de l'homme", "long-short"),
    # a capitalised first word of a sentence is not the head of a name
    ("Le débat est ouvert. Plusieurs hydrocarbures (HC) ont été mesurés", "HC",
     "hydrocarbures", "long-short"),
    ("La Conférence des Parties (CdP) s'est tenue", "CdP", "Conférence des Parties",
     "long-short"),
    # à inside the words that spell the acronym is part of the name
    ("Le Groupe de travail à composition non limitée de la Convention de Bâle (GTCNL) a siégé",
     "GTCNL", "Groupe de travail à composition non limitée de la Convention de Bâle", "long-short"),
    ("Le Centre d'accès aux informations de la Convention (CAI) est ouvert", "CAI",
     "Centre d'accès aux informations de la Convention", "long-short"),
    # a body's formal name: its parent's name is the complement
    ("la session de l'Assemblée des Nations Unies pour l'environnement du Programme des Nations "
     "Unies pour l'environnement (ANUE-5) s'est tenue", "ANUE",
     "Assemblée des Nations Unies pour l'environnement du Programme des Nations Unies pour "
     "l'environnement", "numbered-session"),
]


@pytest.mark.parametrize(("text", "acronym", "full", "pattern"), FRENCH_CASES)
def test_french_definitions(text: str, acronym: str, full: str, pattern: str) -> None:
    found = find_definitions(text, "fr")
    assert [(d.acronym, d.full, d.pattern) for d in found] == [(acronym, full, pattern)]


@pytest.mark.parametrize(
    "text",
    [
        # English acronyms with French long forms cannot be checked letter by letter
        "l'Organisation internationale de normalisation (ISO) publie",
        "le Groupe international d'experts sur les ressources (IRP) a",
        # nor guessed from the words after the name's head: « Réseau » is not in IPEN
        "Le Réseau international pour l'élimination des polluants (IPEN) a pris la parole",
    ],
)
def test_french_foreign_acronyms_are_not_guessed(text: str) -> None:
    assert find_definitions(text, "fr") == []


def test_a_french_complement_opened_by_a_names_something_else() -> None:
    # as "to" in English: the Parties' Conference to the Convention is not the Convention's name
    text = "La Conférence des Parties à la Convention de Minamata (CdP) s'est tenue."
    assert find_definitions(text, "fr") == []
    text = "La Réunion des Parties au Protocole de Montréal (RdP) a eu lieu."
    assert find_definitions(text, "fr") == []


# --- spans --------------------------------------------------------------------------------------

SPAN_TEXTS = [
    FEATURE_TEXT_1,
    FEATURE_TEXT_2,
    "the United Nations Environment\nProgramme (UNEP) and ASGM (artisanal and small-scale gold "
    'mining), non-prescriptive proposals ("NPPs") and the fifth session of the United Nations '
    "Environment Assembly (UNEA-5).",
    FRENCH_CASES[0][0],
    "the World Health Organization's (WHO) report, the United Nations Children's Fund "
    '(hereinafter "UNICEF") and the agency (UNEP; United Nations Environment Programme).',
]


def _spans_point_into(text: str, found: list[Definition]) -> None:
    for definition in found:
        assert text[slice(*definition.acronym_span)] == definition.acronym
        assert normalize_space(text[slice(*definition.full_span)]) == definition.full


@pytest.mark.parametrize("text", SPAN_TEXTS)
def test_spans_index_the_text(text: str) -> None:
    found = find_definitions(text, "fr" if "l'Assemblée" in text else "en")
    assert found
    _spans_point_into(text, found)


def test_definitions_are_in_text_order_and_frozen() -> None:
    found = find_definitions(FEATURE_TEXT_1, "en")
    starts = [d.acronym_span[0] for d in found]
    assert starts == sorted(starts)
    with pytest.raises(AttributeError):
        found[0].acronym = "X"  # type: ignore[misc]


# --- iter_parentheses ---------------------------------------------------------------------------

PARENTHESES_CASES = [
    # (text, brackets, the groups as text)
    ("a (b) c (d)", False, ["(b)", "(d)"]),
    ("f(g(x))", False, ["(g(x))", "(x)"]),  # nested, in order of the openers
    ("UNEA（UNEA 6 ) and (x）", False, ["（UNEA 6 )", "(x）"]),  # either closer closes either opener
    ("a [EEG] (b]", True, ["[EEG]"]),  # ] closes only [
    ("a [EEG] b", False, []),
    ("(open\n\nclosed)", False, []),  # not across a paragraph break
    ("(open\n \t\nclosed) (x)", False, ["(x)"]),
    ("(one\nline)", False, ["(one\nline)"]),  # a line break is not a paragraph break
    ("(" + "x" * 200 + ")", False, []),  # too far
    ("(" + "x" * 199 + ")", False, ["(" + "x" * 199 + ")"]),
    (") ( (a)", False, ["(a)"]),
]


@pytest.mark.parametrize(("text", "brackets", "expected"), PARENTHESES_CASES)
def test_iter_parentheses(text: str, brackets: bool, expected: list[str]) -> None:
    groups = list(iter_parentheses(text, brackets))
    assert [text[g.open : g.close + 1] for g in groups] == expected


# --- find_parenthesised_acronyms ----------------------------------------------------------------

CANDIDATE_CASES = [
    # the words before an acronym, whether or not they spell it out
    ("We met the Environment Programme (UNEA) today.",
     [("UNEA", "We met the Environment Programme")]),
    ("Hello. The open-ended working group (OEWG) met.",
     [("OEWG", "The open-ended working group")]),
    ('the proposals ("NPPs") were', [("NPPs", "the proposals")]),
    ("refers to mind (ToM; Smith 2009) often", [("ToM", "refers to mind")]),
    ("(UNEP) opened the session", [("UNEP", "")]),
    # not acronyms
    ("in Geneva (Switzerland) and (2023), (Martine Rohn-Brossard), (UNEP/5/12/1), (see annex)", []),
]


@pytest.mark.parametrize(("text", "expected"), CANDIDATE_CASES)
def test_parenthesised_acronyms(text: str, expected: list[tuple[str, str]]) -> None:
    found = find_parenthesised_acronyms(text, "en")
    assert [(c.acronym, c.preceding) for c in found] == expected
    for candidate in found:
        assert text[slice(*candidate.acronym_span)] == candidate.acronym
        assert normalize_space(text[slice(*candidate.preceding_span)]) == candidate.preceding


def test_parenthesised_acronyms_keep_at_most_15_words() -> None:
    text = " ".join(f"w{i}" for i in range(30)) + " (ABC)"
    (candidate,) = find_parenthesised_acronyms(text, "en")
    assert candidate.preceding.split() == [f"w{i}" for i in range(15, 30)]


def test_quoted_candidate_is_marked() -> None:
    (candidate,) = find_parenthesised_acronyms('the proposals ("NPPs") were', "en")
    assert candidate.quoted


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("联合国环境\n规划署", "联合国环境规划署"),
        # Han characters outside the Basic Multilingual Plane join across a break too.
        ("𠀀𠀁\n𠀂（ABC）", "𠀀𠀁𠀂（ABC）"),
        ("United Nations\n  Environment", "United Nations Environment"),
        ("UNEP\n规划署", "UNEP 规划署"),
    ],
)
def test_normalize_space_joins_cjk_across_breaks(text: str, expected: str) -> None:
    assert normalize_space(text) == expected
