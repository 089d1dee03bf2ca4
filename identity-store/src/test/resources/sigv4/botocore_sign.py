#!/usr/bin/env python3
"""Signs one request with botocore's SigV4 signers, as the AWS CLI and boto3 do, at a fixed time.

Usage: botocore_sign.py TIMESTAMP SPEC_JSON
  TIMESTAMP  the signing time, ISO 8601 basic, e.g. 20261123T120000Z
  SPEC_JSON  {"method", "url", "params": {..}, "headers": {..}, "body", "access_key", "secret_key",
              "token" (optional), "service", "region", "presign_expires" (optional: presign instead)}

Prints the signed request as JSON: {"method", "url", "headers": [[name, value], ...], "body"}.
Exits 3 with a message on stderr when botocore is not installed (apt-get install python3-botocore).
"""
import datetime
import json
import sys

try:
    import botocore.auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
except ImportError as e:
    print("botocore is not installed (apt-get install python3-botocore): %s" % e, file=sys.stderr)
    sys.exit(3)


def fix_clock(at):
    # botocore reads the time through botocore.auth.get_current_datetime (newer releases) or
    # botocore.auth.datetime.datetime.utcnow (older ones); pin whichever this version has.
    if hasattr(botocore.auth, "get_current_datetime"):
        botocore.auth.get_current_datetime = lambda *args, **kwargs: at
    else:
        class FixedDatetime(datetime.datetime):
            @classmethod
            def utcnow(cls):
                return at

        botocore.auth.datetime.datetime = FixedDatetime


def main():
    timestamp, spec = sys.argv[1], json.loads(sys.argv[2])
    fix_clock(datetime.datetime.strptime(timestamp, "%Y%m%dT%H%M%SZ"))
    credentials = Credentials(spec["access_key"], spec["secret_key"], spec.get("token"))
    request = AWSRequest(method=spec["method"], url=spec["url"], params=spec.get("params") or {},
                         headers=spec.get("headers") or {}, data=spec.get("body") or "")
    if spec.get("presign_expires"):
        signer = botocore.auth.SigV4QueryAuth(credentials, spec["service"], spec["region"],
                                              expires=spec["presign_expires"])
    else:
        signer = botocore.auth.SigV4Auth(credentials, spec["service"], spec["region"])
    signer.add_auth(request)
    prepared = request.prepare()
    body = prepared.body or b""
    if isinstance(body, str):
        body = body.encode("utf-8")
    print(json.dumps({
        "method": prepared.method,
        "url": prepared.url,
        "headers": [[k, v if isinstance(v, str) else v.decode("utf-8")] for k, v in prepared.headers.items()],
        "body": body.decode("utf-8"),
    }))


if __name__ == "__main__":
    main()
