# Varnish (Debian's varnish 7.1), the edge cache on every app server: nginx (port 80, slow
# clients) -> Varnish (127.0.0.1:6081, this file) -> gunicorn (127.0.0.1:8000).
#
# It stores what the site's own page cache stores (core.pagecache) and nothing else, by honouring
# the site's headers rather than a list of paths: a page the site may cache comes with
# `Cache-Control: public, s-maxage=…, stale-while-revalidate=…, stale-if-error=…`; everything else
# (the admin, previews, posts, /go/, search, error pages, anything that sets a cookie) says
# `private, no-store`, sets a cookie, or says nothing (varnishd runs with a default TTL of 0, so
# an answer without Cache-Control is never kept). Editors, who have a session cookie, always go
# past the cache.
#
# The key is the host and the address without tracking parameters (utm_*, fbclid, gclid, …):
# campaign links share the page's entry. Other parameters stay in the key: an unknown one costs
# an entry (answered by the page cache from its own one entry), never a wrong page.
#
# Invalidation: the site replaces one content version on every change a visitor could see, and
# sends a PURGE (Wagtail's frontend-cache invalidation, core.edge) when it commits: any PURGE
# from this machine bans every stored answer at once.
#
# Stale on error: answers are kept beyond their s-maxage for the site's stale-if-error; while
# the health probe finds gunicorn answering, an expired answer is served for at most the
# stale-while-revalidate seconds (fetched again in the background), and while gunicorn is
# stopped or hung, for as long as stale-if-error allows.
#
# Install: copy to /etc/varnish/made-in-aachen-nord.vcl; deploy/systemd/maan-edge.service starts
# varnishd with it. deploy/edge/run starts the same file on loopback ports for tests and benches.
vcl 4.1;

import std;

backend app {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    # gunicorn ends a request after 30 s (--timeout 30).
    .first_byte_timeout = 35s;
    .between_bytes_timeout = 10s;
    # Every 2 s, gunicorn's /health/live/, which the site answers before its host check and
    # HTTPS redirect (core.health.LiveMiddleware): no host name to keep in step here. Two
    # failures of the last three mark it sick, and stored pages are then served past their s-maxage (see vcl_recv).
    # While sick, a page Varnish does not hold is answered 503 at once.
    .probe = {
        .request =
            "GET /health/live/ HTTP/1.1"
            "Host: localhost"
            "User-Agent: edge-probe"
            "Connection: close";
        .timeout = 2s;
        .interval = 2s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # The app servers' X-Forwarded-For is the load balancer's, passed on by nginx unchanged
    # (ENQUIRY_PROXY_COUNT counts the load balancer only): drop the entry varnishd appended for
    # nginx.
    if (client.ip ~ purgers) {
        set req.http.X-Forwarded-For = regsub(req.http.X-Forwarded-For, "(^|,\s*)[^,]*$", "");
        if (req.http.X-Forwarded-For == "") {
            unset req.http.X-Forwarded-For;
        }
    }
    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # One content version for the whole site: every change replaces every page.
        ban("obj.status != 0");
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    set req.http.X-Edge-Key = regsuball(req.url,
        "(?<=[?&])(utm_[^&=]*|fbclid|gclid|gbraid|wbraid|dclid|msclkid|yclid|twclid|ttclid|igshid|mc_cid|mc_eid|_ga|_gl)(=[^&]*)?(&|$)",
        "");
    set req.http.X-Edge-Key = regsub(req.http.X-Edge-Key, "[?&]+$", "");
    if (std.healthy(req.backend_hint)) {
        # The site's stale-while-revalidate (PAGE_CACHE_STALE_WHILE_REVALIDATE).
        set req.grace = 60s;
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.http.X-Edge-Key);
    if (req.http.host) {
        hash_data(req.http.host);
    } else {
        hash_data(server.ip);
    }
    return (lookup);
}

sub vcl_backend_fetch {
    unset bereq.http.X-Edge-Key;
}

sub vcl_backend_response {
    if (beresp.ttl > 0s && beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, "^.*stale-if-error=([0-9]+).*$", "\1s"), 0s);
    }
    # Everything else as Varnish's built-in rules say: no TTL, a Set-Cookie, private, no-store,
    # no-cache or Vary: * make the answer pass (for two minutes, then it is asked again).
}

sub vcl_deliver {
    # For tests and benchmarks, as the page cache's X-Cache: hit, miss or pass at the edge.
    if (obj.uncacheable) {
        set resp.http.X-Edge = "pass";
    } else if (obj.hits > 0) {
        set resp.http.X-Edge = "hit";
    } else {
        set resp.http.X-Edge = "miss";
    }
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}
