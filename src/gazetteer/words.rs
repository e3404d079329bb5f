//! The closed word lists the matching passes consult.
//!
//! They describe English news prose, not any gazetteer: words that open
//! sentences, cue places or clauses, name roles and titles, and form the
//! names of companies and institutions. All are lower-case and looked up
//! ignoring ASCII case through [`Words`].

use super::text::Words;

/// Capitalised words that never continue a name: sentence openers,
/// pronouns, days and months, and the labels of picture credits ("Image:
/// Jane Doe").
#[rustfmt::skip]
pub(crate) static NOT_NAME: Words = Words::new(1 << 0, &[
    "a", "an", "and", "as", "at", "after", "before", "both", "but", "by",
    "for", "from", "he", "her", "his", "if", "in", "it", "its", "of", "on",
    "or", "our", "she", "since", "that", "the", "their", "these", "they",
    "this", "those", "to", "we", "when", "while", "with", "i", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "image", "images",
    "photo", "photos", "picture", "video", "credit", "courtesy"
]);

/// Words after which a capitalised word is a place ("flights to Jordan").
#[rustfmt::skip]
pub(crate) static PLACE_CUES: Words = Words::new(1 << 1, &[
    "in", "to", "from", "into", "near", "across", "throughout", "within",
    "outside", "inside", "via", "toward", "towards", "visit", "visited",
    "visiting", "entered", "left", "invaded", "between"
]);

/// Lower-case words that may follow a country name that opens a sentence
/// ("Turkey has…", "Chad and Niger…"): auxiliaries, reporting verbs and
/// function words. Any other lower-case word may make the name a modifier
/// ("Turkey dinner").
#[rustfmt::skip]
pub(crate) static CLAUSE_WORDS: Words = Words::new(1 << 2, &[
    "is", "was", "are", "were", "has", "have", "had", "will", "would",
    "could", "can", "should", "must", "may", "might", "did", "does", "do",
    "and", "or", "but", "said", "says", "say", "also", "already", "still",
    "now", "then", "which", "who", "that", "on", "in", "at", "to", "from",
    "for", "with", "by", "of", "as", "remains", "wants", "plans", "hopes",
    "needs", "faces", "won", "beat", "lost", "became"
]);

/// Nouns for a person's role or job, singular and plural.
#[rustfmt::skip]
pub(crate) static ROLES: Words = Words::new(1 << 3, &[
    "president", "presidents", "minister", "ministers", "counterpart",
    "counterparts", "head", "heads", "chief", "chiefs", "spokesman",
    "spokeswoman", "spokesperson", "analyst", "analysts", "economist",
    "economists", "strategist", "director", "directors", "chairman",
    "chairwoman", "chair", "ceo", "cfo", "executive", "executives", "founder",
    "secretary", "ambassador", "envoy", "general", "commander", "governor",
    "mayor", "senator", "sen", "rep", "representative", "lawmaker",
    "lawmakers", "legislator", "official", "officials", "prosecutor",
    "attorney", "judge", "justice", "coach", "captain", "striker",
    "midfielder", "defender", "goalkeeper", "manager", "professor", "prof",
    "researcher", "scientist", "lawyer", "adviser", "advisor", "aide",
    "leader", "leaders", "premier", "chancellor", "king", "queen", "prince",
    "princess", "colonel", "col", "lieutenant", "lt", "sergeant", "admiral",
    "adm", "gen", "capt", "reporter", "correspondent", "editor", "columnist",
    "author", "activist", "candidate", "speaker", "inspector", "detective",
    "officer", "commissioner", "superintendent", "dean", "fellow", "partner",
    "owner", "principal", "mp", "deputy", "vice", "emir", "sheikh",
    "ayatollah", "cardinal", "bishop", "pope", "player", "forward", "winger",
    "champion", "sprinter", "boss", "treasurer", "negotiator", "mediator",
    "diplomat", "diplomats", "governors", "mayors", "councillor", "councilor",
    "trustee", "chef", "curator", "physician", "surgeon", "nurse", "engineer",
    "psychologist", "runner", "athlete", "swimmer", "cyclist", "boxer",
    "skier", "sprinter", "golfer", "jockey", "cricketer", "footballer",
    "drummer", "singer", "guitarist", "musician", "actor", "actress",
    "novelist", "poet", "artist", "photographer", "designer", "filmmaker",
    "producer", "rapper", "comedian", "historian", "investor", "entrepreneur",
    "businessman", "businesswoman", "billionaire", "tycoon", "chairperson",
    "ombudsman", "spokesmen", "strategists", "researchers", "scientists",
    "prosecutors", "officers", "biologist", "chemist", "physicist",
    "mathematician", "astronomer", "sociologist", "linguist", "philosopher",
    "geologist", "ecologist", "epidemiologist", "virologist", "teacher",
    "student", "farmer", "shopper", "resident", "pilot", "soldier",
    "firefighter", "paramedic", "cosplayer", "blogger", "journalist",
    "curator", "undersecretary", "woman", "man", "girl", "boy", "mother",
    "father", "wife", "husband", "daughter", "widow", "brother", "sister"
]);

/// Capitalised words that qualify a role but are not names ("Foreign
/// Minister", "Prime Minister", "Deputy Director").
#[rustfmt::skip]
pub(crate) static ROLE_WORDS: Words = Words::new(1 << 4, &[
    "foreign", "defence", "defense", "prime", "former", "senior", "acting",
    "interior", "finance", "economy", "trade", "energy", "health", "chief",
    "state", "first", "supreme", "national", "federal", "executive",
    "managing", "general", "secretary", "deputy", "vice", "assistant",
    "associate", "crown", "late", "then", "incoming", "outgoing", "head",
    "affairs", "staff", "justice", "commerce", "treasury", "homeland",
    "security", "education", "agriculture", "transport", "labour", "labor",
    "farm", "environment", "culture", "intelligence", "armed", "joint",
    "chiefs", "presidential", "special", "permanent", "lead", "top"
]);

/// Courtesy titles that mark a person even before a single surname.
#[rustfmt::skip]
pub(crate) static TITLES: Words = Words::new(1 << 5, &[
    "mr", "mrs", "ms", "dr", "prof", "sir", "dame", "madam"
]);

/// Lower-case particles inside personal names.
#[rustfmt::skip]
pub(crate) static PARTICLES: Words = Words::new(1 << 6, &[
    "bin", "ibn", "al", "el", "de", "da", "del", "della", "der", "di", "du",
    "la", "le", "van", "von", "dos", "das", "do", "ter", "ten", "den", "bint",
    "abu", "ul"
]);

/// Last words of company names.
#[rustfmt::skip]
pub(crate) static ORG_SUFFIXES: Words = Words::new(1 << 7, &[
    "ltd", "limited", "inc", "incorporated", "corp", "corporation", "llc",
    "llp", "plc", "gmbh", "ag", "nv", "holdings", "group", "co", "united",
    "fc", "afc", "cf", "rovers", "wanderers", "hotspur", "albion"
]);

/// Words that head the names of institutions.
#[rustfmt::skip]
pub(crate) static ORG_HEADS: Words = Words::new(1 << 8, &[
    "ministry", "department", "agency", "commission", "council", "committee",
    "authority", "bank", "university", "institute", "party", "association",
    "company", "fund", "foundation", "organization", "organisation",
    "service", "forces", "guard", "court", "parliament", "army", "navy",
    "corps", "bureau", "board", "directorate", "club", "airlines", "airways",
    "industries", "technologies", "exchange", "academy", "college",
    "alliance", "coalition", "movement", "front", "brigade", "brigades",
    "police", "assembly", "senate", "tribunal", "partners", "securities",
    "water", "government", "office", "capital", "investments", "federation",
    "bancorp", "brotherhood", "society", "union", "trust", "network",
    "orchestra", "hospital", "church", "guild", "consortium", "syndicate",
    "force"
]);

/// Verbs that make the word before them the subject of a clause.
#[rustfmt::skip]
pub(crate) static REPORTING_VERBS: Words = Words::new(1 << 9, &[
    "said", "says", "told", "tells", "won", "beat", "lost", "sold", "bought",
    "made", "became", "became", "took", "gave", "saw", "hit", "cut", "set",
    "wants", "plans", "announces", "reports", "denies", "warns", "agrees",
    "signs", "rejects", "accuses", "urges", "expects", "sees"
]);

/// Nouns that head the names of things, never of people ("Pilot Training
/// Program", "Reading Festival").
#[rustfmt::skip]
pub(crate) static THING_NOUNS: Words = Words::new(1 << 10, &[
    "program", "programme", "project", "center", "centre", "street", "road",
    "avenue", "square", "house", "hall", "park", "school", "festival",
    "games", "cup", "league", "award", "awards", "prize", "act", "day",
    "week", "war", "plan", "report", "summit", "conference", "treaty",
    "agreement", "initiative", "campaign", "strategy", "system", "index",
    "airport", "station", "bridge", "tower", "river", "lake", "mountain",
    "mountains", "island", "islands", "sea", "ocean", "bay", "valley",
    "desert", "province", "region", "county", "district", "city", "town",
    "village", "museum", "library", "stadium", "arena", "hospital", "church",
    "mosque", "temple", "palace", "nutrition", "health", "herald", "times",
    "post", "news", "journal", "tribune", "gazette"
]);

/// Words that open the names of sports clubs before a city ("Real Madrid",
/// "Inter Milan", "Borussia Dortmund").
#[rustfmt::skip]
pub(crate) static CLUB_PREFIXES: Words = Words::new(1 << 11, &[
    "real", "inter", "ac", "as", "atletico", "atlético", "sporting",
    "borussia", "bayer", "bayern", "dynamo", "dinamo", "spartak", "lokomotiv",
    "cska", "racing", "deportivo", "olympique", "fc", "sc", "vfb", "vfl",
    "rb", "psv", "rapid", "red", "hertha", "union"
]);

/// Verbs that report a match result ("Liverpool beat Arsenal 2-1").
#[rustfmt::skip]
pub(crate) static RESULT_VERBS: Words = Words::new(1 << 12, &[
    "beat", "beats", "beating", "defeated", "defeats", "defeating", "drew",
    "draw", "held", "hold", "lost", "lose", "loses", "edged", "thrashed",
    "routed", "stunned", "overcame", "eliminated", "trounced", "hammered",
    "downed", "topped", "host", "hosts", "hosted", "against", "played"
]);

/// Capitalised words that continue a company's name after a listed name
/// or an acronym ("Siemens Energy", "CFM International", "MTU Aero
/// Engines"), beside [`ORG_SUFFIXES`] and [`ORG_HEADS`].
#[rustfmt::skip]
pub(crate) static ORG_TAILS: Words = Words::new(1 << 13, &[
    "energy", "motor", "motors", "electronics", "electric", "pharmaceuticals",
    "pharma", "financial", "ventures", "systems", "aerospace", "aero",
    "engines", "entertainment", "media", "studios", "foods", "chemicals",
    "steel", "mining", "resources", "petroleum", "oil", "gas", "power",
    "telecom", "telecommunications", "insurance", "logistics", "shipping",
    "semiconductor", "semiconductors", "healthcare", "international",
    "global", "renewables", "robotics", "networks", "solutions", "labs",
    "laboratories", "automotive", "instruments", "therapeutics", "biotech",
    "asset", "management", "cloud", "digital"
]);

/// Lower-case nouns that introduce a place's name ("the town of Sion")
/// or say that a name is a company ("engine maker Pratt & Whitney").
#[rustfmt::skip]
pub(crate) static PLACE_NOUNS: Words = Words::new(1 << 14, &[
    "town", "city", "village", "resort", "region", "province", "port",
    "district", "county", "island", "municipality", "canton", "commune",
    "suburb", "hamlet", "state", "enclave", "oblast", "prefecture"
]);

/// Lower-case nouns that say a nearby name is a company.
#[rustfmt::skip]
pub(crate) static COMPANY_NOUNS: Words = Words::new(1 << 15, &[
    "company", "companies", "firm", "firms", "maker", "makers",
    "manufacturer", "supplier", "retailer", "lender", "bank", "insurer",
    "carrier", "conglomerate", "giant", "rival", "brand", "chain",
    "subsidiary", "startup", "contractor", "consultancy", "group", "shares",
    "partnership", "venture", "operator", "producer", "builder", "airline",
    "developer", "publisher", "chipmaker", "drugmaker", "carmaker",
    "automaker", "planemaker"
]);

/// Verbs that only a person is the subject of in news ("Harry Kane
/// scored", "with Bukayo Saka scoring twice").
#[rustfmt::skip]
pub(crate) static PERSON_VERBS: Words = Words::new(1 << 16, &[
    "scored", "scoring", "scores", "netted", "equalised", "equalized",
    "resigned", "testified", "pleaded", "tweeted", "smiled", "laughed",
    "wrote", "died"
]);

/// Lower-case words that stand inside names between capitalised words
/// ("Bank of England", "Ludwig van Beethoven"): the tagger's connectors
/// and the links that make a repeated name part of a longer one.
pub(crate) const NAME_CONNECTORS: &[&str] = &[
    "of", "de", "del", "della", "der", "den", "van", "von", "da", "do", "dos",
    "das", "du", "la", "le", "al", "el", "bin", "ibn", "bint", "and", "the",
    "for", "on", "upon", "y", "zu", "di",
];

/// Every list, for the shared index.
pub(crate) static ALL: &[&Words] = &[
    &NOT_NAME,
    &PLACE_CUES,
    &CLAUSE_WORDS,
    &ROLES,
    &ROLE_WORDS,
    &TITLES,
    &PARTICLES,
    &ORG_SUFFIXES,
    &ORG_HEADS,
    &REPORTING_VERBS,
    &THING_NOUNS,
    &CLUB_PREFIXES,
    &RESULT_VERBS,
    &ORG_TAILS,
    &PLACE_NOUNS,
    &COMPANY_NOUNS,
    &PERSON_VERBS,
];
