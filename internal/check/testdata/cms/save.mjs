// save.mjs writes saved-case.md as Sveltia CMS 0.221.1 saves an entry of a
// collection with format yaml-frontmatter: the fields in the order of
// config.yml, through the same YAML library (eemeli/yaml) with the same
// options (its dist/sveltia-cms.js, function c2), then "---", a blank line
// and the body. Values are what its widgets hold: numbers from number and
// select widgets, ids from the relation widget, "YYYY-MM-DD" from the date
// widget, a path from the site's root (public_folder) from the image
// widget, and false from an untouched boolean. Run it with
//   npm install yaml@2.9.1 && node save.mjs > saved-case.md
import { stringify } from "yaml";

const entry = {
  title: "Roeselare and Dogbo: every birth registered",
  slug: "roeselare-dogbo-births",
  summary: "Two municipalities make sure that every child born in Dogbo gets a birth certificate.",
  approaches: ["city-to-city-partnership"],
  partners: [
    { name: "Roeselare", country: "BE", type: "municipality" },
    { name: "Dogbo", country: "BJ", type: "municipality" },
    { name: "Santo Tomás", country: "NI", type: "municipality" },
  ],
  sdgs: [16, 6],
  themes: ["good-governance", "water"],
  budget: { min: 30000, max: 40000.5, currency: "EUR", period: "year", sources: ["federal grant", "own funds: 10%"] },
  start: 2010,
  end: 2023,
  date: "2023-08-01",
  draft: false,
  links: [{ title: "Dogbo's birth register #1", url: "https://example.org/dogbo?x=1&y=2" }],
  image: { src: "/assets/img/roeselare-dogbo.png", alt: "A registrar's desk in Dogbo", credit: "Photo: Roeselare, CC BY 4.0" },
  featured: false,
};
const body = "## What they did\n\nThey registered births, and linked to [twinning](../approaches/twinning.md).";
const fm = stringify(entry, null, {
  indent: 2, indentSeq: true, lineWidth: 0, defaultKeyType: "PLAIN",
  defaultStringType: "PLAIN", singleQuote: true,
}).trim();
process.stdout.write(`---\n${fm}\n---\n\n${body}\n`);
