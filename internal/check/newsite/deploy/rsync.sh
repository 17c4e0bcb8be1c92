#!/bin/sh
# Publishes the site to a server over SSH with rsync:
#   deploy/rsync.sh https://example.org/cases/ user@host:/var/www/cases/
# New files go first and the pages (with search/catalogue.json, which names
# the search files) last, so that no page ever names a file that is not
# there yet; then what the new build no longer has is deleted.
# Cache headers are the web server's job: see deploy/README.md.
set -eu
base_url=$1
dest=$2
casebook build --base-url "$base_url" --out public
rsync -rlt --exclude '*.html' --exclude search/catalogue.json public/ "$dest"
rsync -rlt public/ "$dest"
rsync -rlt --delete public/ "$dest"
