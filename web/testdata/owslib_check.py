"""OWSLib reads controlmap's OGC API - Features: landing page, conformance, the OpenAPI
document (api()), collections, queryables and items. Run by TestOWSLibReadsTheAPI with the
API's URL; exits non-zero, with the reason, when a check fails."""

import sys

from owslib.ogcapi.features import Features


def check(ok, what):
    if not ok:
        sys.exit("owslib check failed: " + what)


def main(url):
    api = Features(url)
    check(api.links and any(l["rel"] == "service-desc" for l in api.links), "landing page without service-desc")

    conf = api.conformance()["conformsTo"]
    check("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30" in conf, "oas30 missing: %s" % conf)

    doc = api.api()
    check(doc.get("openapi", "").startswith("3.0"), "api() is not OpenAPI 3.0")
    check("/collections/settlements/items" in doc["paths"], "api() lacks the settlements items")

    ids = [c["id"] for c in api.collections()["collections"]]
    check(ids == ["settlements", "changes"], "collections %s" % ids)
    check(api.collection("settlements")["id"] == "settlements", "collection('settlements')")

    queryables = api.collection_queryables("settlements")["properties"]
    check("controller_id" in queryables, "queryables %s" % list(queryables))

    items = api.collection_items("settlements", datetime="2020-11-20", controller_id="azerbaijan", limit=5)
    check([f["id"] for f in items["features"]] == ["abdal-gulabli"], "items %s" % items["features"])
    item = api.collection_item("settlements", "abdal-gulabli")
    check(item["properties"]["name"] == "Abdal-Gulabli", "item %s" % item["properties"])
    print("ok")


if __name__ == "__main__":
    main(sys.argv[1])
