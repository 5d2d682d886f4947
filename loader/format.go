package loader

// The seed format, as written by people (seeds/README.md documents it). These
// structs mirror the YAML; read.go turns them into kg types after validation.

type names struct {
	En string `yaml:"en"`
	Ar string `yaml:"ar"`
}

type aliases struct {
	En []string `yaml:"en"`
	Ar []string `yaml:"ar"`
}

type actorEntry struct {
	ID          string  `yaml:"id"`
	Kind        string  `yaml:"kind"`
	Name        names   `yaml:"name"`
	Aliases     aliases `yaml:"aliases"`
	Wikidata    string  `yaml:"wikidata"`
	ISO         string  `yaml:"iso"`
	OrgType     string  `yaml:"orgType"`
	Description string  `yaml:"description"`
}

var actorKeys = []string{"id", "kind", "name", "aliases", "wikidata", "iso", "orgType", "description"}

type topicEntry struct {
	ID      string   `yaml:"id"`
	Label   names    `yaml:"label"`
	Aliases aliases  `yaml:"aliases"`
	Broader []string `yaml:"broader"`
}

var topicKeys = []string{"id", "label", "aliases", "broader", "description"}

type eventEntry struct {
	ID           string   `yaml:"id"`
	Kind         string   `yaml:"kind"`
	Name         names    `yaml:"name"`
	Aliases      aliases  `yaml:"aliases"`
	Date         string   `yaml:"date"`
	EndDate      string   `yaml:"endDate"`
	Place        string   `yaml:"place"`
	Participants []string `yaml:"participants"`
	Topics       []string `yaml:"topics"`
	Wikidata     string   `yaml:"wikidata"`
}

var eventKeys = []string{"id", "kind", "name", "aliases", "date", "endDate", "place", "participants", "topics", "wikidata", "description"}

type placeEntry struct {
	ID       string  `yaml:"id"`
	Name     names   `yaml:"name"`
	Aliases  aliases `yaml:"aliases"`
	Country  string  `yaml:"country"`
	Wikidata string  `yaml:"wikidata"`
}

var placeKeys = []string{"id", "name", "aliases", "country", "wikidata", "description"}

type spanEntry struct {
	Start     *int   `yaml:"start"`
	End       *int   `yaml:"end"`
	Text      string `yaml:"text"`
	Cue       string `yaml:"cue"`
	QuoteType string `yaml:"quoteType"`
	Headline  bool   `yaml:"headline"`
}

var spanKeys = []string{"start", "end", "text", "cue", "quoteType", "headline"}

type positionEntry struct {
	Person   string      `yaml:"person"`
	In       string      `yaml:"in"`
	Title    names       `yaml:"title"`
	From     string      `yaml:"from"`
	To       string      `yaml:"to"`
	Evidence []spanEntry `yaml:"evidence"`
}

var positionKeys = []string{"person", "in", "title", "from", "to", "evidence", "source"}

type partOfEntry struct {
	Part     string      `yaml:"part"`
	Whole    string      `yaml:"whole"`
	From     string      `yaml:"from"`
	To       string      `yaml:"to"`
	Evidence []spanEntry `yaml:"evidence"`
}

var partOfKeys = []string{"part", "whole", "from", "to", "evidence", "source"}

type membershipEntry struct {
	Member       string      `yaml:"member"`
	Organisation string      `yaml:"organisation"`
	From         string      `yaml:"from"`
	To           string      `yaml:"to"`
	Evidence     []spanEntry `yaml:"evidence"`
}

var membershipKeys = []string{"member", "organisation", "from", "to", "evidence", "source"}

type metaFile struct {
	ID      string `yaml:"id"`
	Title   string `yaml:"title"`
	Lang    string `yaml:"lang"`
	Date    string `yaml:"date"`
	URL     string `yaml:"url"`
	Source  string `yaml:"source"`
	Licence string `yaml:"licence"`
	Outlet  string `yaml:"outlet"`
	Split   string `yaml:"split"`
}

var metaKeys = []string{"id", "title", "lang", "date", "url", "source", "licence", "outlet", "split", "notes"}

type statementEntry struct {
	ID         string      `yaml:"id"`
	Speakers   []string    `yaml:"speakers"`
	Predicate  string      `yaml:"predicate"`
	Polarity   string      `yaml:"polarity"`
	Targets    []string    `yaml:"targets"`
	Event      string      `yaml:"event"`
	Date       string      `yaml:"date"`
	Modality   string      `yaml:"modality"`
	CAMEO      string      `yaml:"cameo"`
	Summary    string      `yaml:"summary"`
	Confidence *float64    `yaml:"confidence"`
	Evidence   []spanEntry `yaml:"evidence"`
}

var statementKeys = []string{"id", "speakers", "predicate", "polarity", "targets", "event", "date", "modality", "cameo", "summary", "confidence", "evidence", "note"}
