"""The viewer-request CloudFront Function on every behavior: `x-forwarded-host`, and prod's www 301.

Why `x-forwarded-host`: CloudFront must not send the viewer's `Host` to a
Lambda function URL (it answers only to its own hostname), so the origin
request policy drops `Host`; OpenNext's server and image optimizer read the
site's hostname from `x-forwarded-host` instead (redirects, absolute URLs,
the revalidation queue's `host`). The function copies `Host` into it before
any cache lookup.

Why the redirect here too: one viewer-request function per behavior is all
CloudFront allows, and answering redirect hostnames (prod's `www`) at the edge
keeps path and query string: `www.sgcarstrends.com/cars?x=1` lands on
`https://sgcarstrends.com/cars?x=1`, before any cache or origin is touched.
"""

from __future__ import annotations

import json
import re

from modules.app.aws import CloudfrontFunction
from modules.app.bindings import Construct

_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")

_CODE = """\
var REDIRECT_HOSTS = {hosts};
var TARGET = {target};

function queryString(querystring) {{
  var parts = [];
  Object.keys(querystring).forEach(function (name) {{
    var entry = querystring[name];
    var values = entry.multiValue ? entry.multiValue : [entry];
    values.forEach(function (item) {{
      parts.push(item.value === "" ? name : name + "=" + item.value);
    }});
  }});
  return parts.length ? "?" + parts.join("&") : "";
}}

function handler(event) {{
  var request = event.request;
  var host = request.headers.host ? request.headers.host.value.toLowerCase() : "";
  if (REDIRECT_HOSTS.indexOf(host) !== -1) {{
    return {{
      statusCode: 301,
      statusDescription: "Moved Permanently",
      headers: {{
        location: {{ value: "https://" + TARGET + request.uri + queryString(request.querystring) }},
      }},
    }};
  }}
  if (request.headers.host) {{
    request.headers["x-forwarded-host"] = {{ value: request.headers.host.value }};
  }}
  return request;
}}
"""


def viewer_request_code(redirect_hosts: tuple[str, ...], target_host: str) -> str:
    """The function's JavaScript (cloudfront-js-2.0), with hostnames checked and JSON-quoted."""
    for host in (*redirect_hosts, target_host):
        if not _HOST.match(host):
            raise ValueError(
                f"redirect hostname {host!r} is not a lowercase DNS name like 'www.sgcarstrends.com'."
            )
    if target_host in redirect_hosts:
        raise ValueError(
            f"redirect target {target_host!r} is also a redirect source; that would loop forever."
        )
    return _CODE.format(hosts=json.dumps(list(redirect_hosts)), target=json.dumps(target_host))


class ViewerRequestFunction(Construct):
    """`function`: the published viewer-request function; attach `function.arn` to every behavior."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        name: str,
        redirect_hosts: tuple[str, ...],
        target_host: str,
    ) -> None:
        super().__init__(scope, construct_id)
        redirects = f"; 301 {', '.join(redirect_hosts)} to https://{target_host}" if redirect_hosts else ""
        self.function = CloudfrontFunction(
            self,
            "function",
            name=name,
            runtime="cloudfront-js-2.0",
            comment=f"x-forwarded-host from Host{redirects}",
            publish=True,
            code=viewer_request_code(redirect_hosts, target_host),
        )
