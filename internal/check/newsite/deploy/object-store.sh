#!/bin/sh
# Publishes the site to an S3-compatible object store (AWS S3, Cloudflare R2,
# Scaleway, MinIO ...) with the AWS command-line tool:
#   deploy/object-store.sh https://cases.example.org/ s3://my-bucket
# Add --endpoint-url URL to each aws command for a store other than AWS.
# Files with a content hash in their names are kept by browsers for a year;
# every other file (search/catalogue.json too) is checked on every visit. Pages go last, deletions after.
set -eu
base_url=$1
bucket=$2
casebook build --base-url "$base_url" --out public
immutable="public, max-age=31536000, immutable"
revalidate="public, max-age=0, must-revalidate"
aws s3 sync public/ "$bucket" --exclude '*' \
  --include 'assets/css/*' --include 'assets/js/*' --include 'assets/variants/*' \
  --include 'search/cards-*' --include 'search/terms-*' --include 'search/facet-*' --include 'search/sort-*' \
  --cache-control "$immutable"
aws s3 sync public/ "$bucket" --exclude '*.html' \
  --exclude 'assets/css/*' --exclude 'assets/js/*' --exclude 'assets/variants/*' \
  --exclude 'search/cards-*' --exclude 'search/terms-*' --exclude 'search/facet-*' --exclude 'search/sort-*' \
  --cache-control "$revalidate"
aws s3 sync public/ "$bucket" --exclude '*' --include '*.html' --cache-control "$revalidate"
# Everything is uploaded by now: this pass only deletes what the build no longer has.
aws s3 sync public/ "$bucket" --delete --cache-control "$revalidate"
