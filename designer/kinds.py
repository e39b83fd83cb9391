"""Infer a box's component kind from its label and shape: the table every importer shares.

Each rule is a set of words and the kind they mean; the first rule whose words appear in the label
wins (more specific rules come first: "read replica" before "postgres"). A shape that only databases
use (a cylinder) means a database when the label says nothing more. "x3", "×3" or "(3 servers)" in a
label sets replicas.
"""

from __future__ import annotations

__all__ = [
    "KIND_RULES",
    "MANAGED_WORDS",
    "NUMBER_WORDS",
    "SHAPE_KINDS",
    "Inference",
    "infer_kind",
    "label_or_icon",
    "zone_kind",
]

import re
from dataclasses import dataclass

from designer.checks.text import mentions_any, tokenize
from designer.numbers import SMALL_NUMBER_WORDS

#: (kind, words that mean it), most specific first. Matching forgives case, punctuation and plurals.
KIND_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("service", ("id generator", "snowflake id", "unique id service", "ticket server")),
    # a generic word later would take these: "gateway" an API gateway's, "redis" a cache's
    ("notification_service", ("sms gateway", "email gateway")),
    ("external", ("payment gateway",)),
    ("stream", ("redis streams", "redis stream")),
    ("queue", ("redis pub sub", "redis pubsub", "redis queue")),
    ("read_replica", ("read replica", "replica", "follower db", "standby")),
    ("cdn", ("cdn", "cloudfront", "akamai", "fastly", "cloudflare", "edge cache")),
    ("dns", ("dns", "geodns", "route 53", "route53")),
    (
        "load_balancer",
        (
            "load balancer",
            "elastic load balancing",
            "lb",
            "elb",
            "alb",
            "nlb",
            "haproxy",
            "ha proxy",
            "nginx",
            "envoy",
            "traefik",
            "f5",
            "ingress",
            "reverse proxy",
        ),
    ),
    # a real-time tier is often called a gateway: before the API gateway's generic word
    (
        "websocket_server",
        (
            "websocket gateway",
            "ws gateway",
            "ws",
            "realtime gateway",
            "real time gateway",
            "sse",
            "server sent events",
            "long polling",
            "long poll",
            "persistent connection",
            "xmpp",
            "ejabberd",
        ),
    ),
    ("api_gateway", ("api gateway", "gateway", "kong", "apigee", "zuul")),
    ("rate_limiter", ("rate limiter", "rate limit", "throttle", "throttler")),
    (
        "auth_service",
        (
            "auth",
            "authentication",
            "authorization",
            "oauth",
            "identity",
            "login",
            "cognito",
            "keycloak",
            "sso",
            "single sign on",
            "active directory",
            "entra id",
            "auth0",
            "okta",
        ),
    ),
    (
        "websocket_server",
        (
            "websocket",
            "websockets",
            "ws server",
            "socket server",
            "socket.io",
            "realtime server",
            "chat server",
            "connection server",
            "push server",
        ),
    ),
    (
        "notification_service",
        (
            "notification",
            "notifications",
            "apns",
            "fcm",
            "push notification",
            "sns",
            "email service",
            "email provider",
            "sendgrid",
            "mailgun",
            "sms",
            "firebase cloud messaging",
            "ses",
            "email",
            "e mail",  # "E-mail system", as C4's own example names it
            "postmark",
            "onesignal",
        ),
    ),
    (
        "cache",
        (
            "cache",
            "redis",
            "memcached",
            "memcache",
            "elasticache",
            "memorystore",
            "valkey",
            "varnish",
            "hazelcast",
            "keydb",
            "dragonflydb",
        ),
    ),
    (
        "stream",
        (
            "kafka",
            "kinesis",
            "event stream",
            "stream",
            "pulsar",
            "redpanda",
            "event hub",
            "eventhub",
            "log stream",
            "event bus",
            "eventbridge",
            "firehose",
            "msk",
        ),
    ),
    (
        "queue",
        (
            "queue",
            "sqs",
            "rabbitmq",
            "rabbit mq",
            "activemq",
            "message broker",
            "broker",
            "nats",
            "pubsub",
            "pub sub",
            "message bus",
            "background job",
            "background jobs",
        ),
    ),
    (
        "search_index",
        (
            "elasticsearch",
            "elastic search",
            "opensearch",
            "solr",
            "search index",
            "lucene",
            "algolia",
            "search",
            "meilisearch",
            "typesense",
        ),
    ),
    (
        "object_storage",
        (
            "s3",
            "object storage",
            "blob storage",
            "blob store",
            "gcs",
            "azure blob",
            "minio",
            "bucket",
            "file storage",
            "object store",
            "data lake",
            "hdfs",
            "cloud storage",
            "ceph",
            "glacier",
        ),
    ),
    (
        "nosql_database",
        (
            "cassandra",
            "dynamodb",
            "dynamo",
            "mongodb",
            "mongo",
            "hbase",
            "bigtable",
            "couchbase",
            "couchdb",
            "scylla",
            "scylladb",
            "nosql",
            "cosmos db",
            "cosmosdb",
            "riak",
            "key value store",
            "document store",
            "document database",
            "firestore",
            "neo4j",
            "graph database",
            "graph db",
            "influxdb",
            "time series",
            "pinecone",
            "milvus",
            "weaviate",
            "qdrant",
            "vector database",
            "vector db",
            "vector store",
            "documentdb",
            "keyspaces",
            "foundationdb",
        ),
    ),
    (
        "sql_database",
        (
            "postgres",
            "postgresql",
            "mysql",
            "mariadb",
            "aurora",
            "oracle",
            "sql server",
            "sqlite",
            "rds",
            "cockroachdb",
            "yugabytedb",
            "yugabyte",
            "spanner",
            "timescaledb",
            "clickhouse",
            "druid",
            "pinot",
            "vitess",
            "tidb",
            "citus",
            "planetscale",
            "redshift",
            "bigquery",
            "data warehouse",
            "sql",
            "relational",
            "database",
            "db",
            "snowflake",
            "databricks",
            "trino",
            "presto",
            "athena",
            "pgvector",
        ),
    ),
    ("coordination", ("zookeeper", "etcd", "consul", "coordination", "chubby")),
    (
        "monitoring",
        (
            "monitoring",
            "prometheus",
            "grafana",
            "datadog",
            "metrics",
            "logging",
            "alerting",
            "observability",
            "kibana",
            "sentry",
            "cloudwatch",
            "jaeger",
            "tracing",
            "new relic",
            "splunk",
            "elk",
            "loki",
            "pagerduty",
            "opentelemetry",
            "log aggregator",
            "log aggregation",
            "log analytics",
            "application insights",
            "azure monitor",
            "stackdriver",
        ),
    ),
    (
        "worker",
        (
            "worker",
            "workers",
            "consumer",
            "consumers",
            "job",
            "jobs",
            "batch",
            "cron",
            "processor",
            "fan out",
            "fanout",
            "celery",  # its workers (the broker they read is drawn as one)
            "sidekiq",
            "flink",
            "spark",
            "hadoop",
            "mapreduce",
            "scheduler",
            "airflow",
            "temporal",
            "orchestrator",
            "debezium",
            "cdc",
        ),
    ),
    (
        "service",
        (
            "service",
            "api",
            "backend",
            "microservice",
            "svc",
            # serverless functions and web frameworks: code that serves, not an app on a phone
            "lambda",
            "function",
            "functions",
            "cloud run",
            "fargate",
            "fastapi",
            "flask",
            "django",
            "express",
            "spring boot",
            "rails",
            "nodejs",
            "node js",
            "py",
            # compute a provider runs the service on
            "ec2",
            "ecs",
            "eks",
            "gke",
            "aks",
            "kubernetes",
            "k8s",
            "scale set",
            "scale sets",
            "auto scaling group",
            "autoscaling group",
            "bff",
            "backend for frontend",
        ),
    ),
    (
        "web_server",
        (
            "web server",
            "webserver",
            "http server",
            "app server",
            "application server",
            "apache",
            "tomcat",
            "server",
            "servers",
        ),
    ),
    (
        "client",
        (
            "client",
            "user",
            "users",
            "browser",
            "mobile",
            "app",
            "ios",
            "android",
            "web app",
            "web application",
            "webapp",
            "frontend",
            "customer",
            "internet",
            "dashboard",
            "spa",
            "single page",
            "react",
            "angular",
            "vue",
            "laptop",
            "desktop",
            "devices",
        ),
    ),
    (
        "external",
        (
            "third party",
            "3rd party",
            "external",
            "stripe",
            "paypal",
            "twilio",
            "the web",
            "payment system",
            "payment provider",
            "payment gateway",
        ),
    ),
)
#: Shapes that mean a kind on their own (when the label does not say what the box is).
SHAPE_KINDS = {
    "cylinder": "sql_database",
    "database": "sql_database",
    "queue": "queue",
    "person": "client",
    "actor": "client",
    "cloud": "external",
}
#: How many copies of a box run, as labels say it: "x3", "× 4", "* 3", "3 × API", "(5 servers)",
#: "10 nodes", "6 API pods", "pods: 6", "cluster of 5", "(N=8)". The first group that matched is the
#: count.
#: The words for a box's copies ("6 API pods", "pods: 6"); :mod:`designer.board` reads them as a pool.
COPIES = r"(?:servers|nodes|instances|replicas|pods|containers|machines|hosts|vms|tasks)"
_REPLICAS = re.compile(
    rf"(?:\b(\d{{1,4}})\s*(?:-|–|to)\s*\d{{1,4}}\s*(?:\w+\s+)?{COPIES}\b"  # 2–10 tasks: at least 2
    r"|^\s*(\d{1,4})\s*[x×*]\s"  # 3 × API, 3x Chat servers
    r"|[x×*]\s*(\d{1,4})\b"  # API x3, API * 3
    rf"|\b(\d{{1,4}})\s*(?:\w+\s+)?{COPIES}\b"  # 10 nodes, 6 API pods
    rf"|\b{COPIES}\s*[:=]\s*(\d{{1,4}})\b"  # pods: 6
    r"|\bcluster of (\d{1,4})\b|\bn\s*=\s*(\d{1,4})\b)",  # cluster of 5, N=8
    re.I,
)
#: The counts people spell out ("Three API servers", "two pods"), each at its value's index.
NUMBER_WORDS = SMALL_NUMBER_WORDS
_SPELLED = {word: str(value) for value, word in enumerate(NUMBER_WORDS)}
_SPELLED_COUNT = re.compile(rf"\b({'|'.join(_SPELLED)})(?=\s+(?:\w+\s+)?{COPIES}\b)", re.I)
#: Replicas counted ("2 replicas") say how many copies run, not that the box is a read replica.
_COUNTED_REPLICAS = re.compile(r"\b\d{1,4}\s*replicas\b", re.I)
#: A primary named before its standby or replicas ("Primary + standby replica", "primary/replica") is
#: the database, in two copies at least; a replica named first ("Replica of the primary") is a replica.
_PRIMARY_AND_COPIES = re.compile(
    r"\b(primary|master|leader|writer)\b([^.;]{0,80}?)\b(?:(?:read|hot|warm|standby)\s+)*(?:standby|replicas?|followers?)\b",
    re.I,
)


#: Services their provider runs replicated across zones, named by the provider's own words: a box so
#: labelled is managed (no single point of failure of its own), as the whiteboard's *managed* box
#: says. Generic words ("queue", "pub/sub", "blob storage") name no provider, so they say nothing.
MANAGED_WORDS = (
    "dynamodb",
    "s3",
    "glacier",
    "gcs",
    "google cloud storage",
    "azure blob",
    "spanner",
    "cosmos db",
    "cosmosdb",
    "firestore",
    "aurora",
    "sqs",
    "sns",
    "kinesis",
    "cloudfront",
    "akamai",
    "fastly",
    "cloudflare",
    "route 53",
    "route53",
    "elb",
    "alb",
    "nlb",
    "application load balancer",
    "network load balancer",
    "elastic load balancing",
    "application gateway",
    "cloud load balancing",
    "lambda",
    "cloud functions",
    "cloud run",
    "multi az",
    "multi region",
    "eventbridge",
    "firehose",
    "ses",
    "firebase cloud messaging",
    # push and mail providers: someone else's fleet, not a box of the design to lose
    "apns",
    "apple push",
    "fcm",
    "sendgrid",
    "mailgun",
    "onesignal",
    "auth0",
    "okta",
    "pinecone",
    "keyspaces",
    "bigquery",
    "athena",
)


@dataclass(frozen=True)
class Inference:
    """What an importer decided about one box, and why, for the user to confirm or correct."""

    kind: str
    reason: str
    replicas: int = 1
    #: The label names a service its provider runs replicated (:data:`MANAGED_WORDS`).
    managed: bool = False

    def fields(self) -> dict:
        """The box's ``data`` fields this decides: its kind, replicas and, when so, ``managed``."""
        return {"kind": self.kind, "replicas": self.replicas, **({"managed": True} if self.managed else {})}


def infer_kind(label: str, shape: str | None = None) -> Inference:
    """Return the kind (and replicas) a box most likely is, with the reason.

    Examples
    --------
    >>> infer_kind("Redis cache").kind, infer_kind("Orders DB", "cylinder").kind
    ('cache', 'sql_database')
    >>> infer_kind("API servers x3")
    Inference(kind='service', reason='the label says “api”', replicas=3, managed=False)
    >>> infer_kind("DynamoDB: urls").fields()
    {'kind': 'nosql_database', 'replicas': 1, 'managed': True}
    >>> infer_kind("Thing", "cylinder").reason
    'a cylinder is a database'
    """
    match = _REPLICAS.search(_SPELLED_COUNT.sub(lambda m: _SPELLED[m.group(1).lower()], label))
    replicas = int(next(g for g in match.groups() if g)) if match else (2 if shape == "procs" else 1)
    replicas = max(1, replicas)
    said = _COUNTED_REPLICAS.sub(" ", label)
    if _PRIMARY_AND_COPIES.search(said):
        said = _PRIMARY_AND_COPIES.sub(r"\1\2", said)
        replicas = max(2, replicas)
    tokens = tokenize(said)  # once, not once per kind
    managed = mentions_any(tokens, MANAGED_WORDS) is not None
    for kind, words in KIND_RULES:
        hit = mentions_any(tokens, words)
        if hit:
            if (
                kind in {"sql_database", "web_server", "service"}
                and shape in SHAPE_KINDS
                and hit in {"db", "database"}
            ):
                kind = SHAPE_KINDS[shape]
            return Inference(kind, f"the label says “{hit}”", replicas, managed)
    if shape in SHAPE_KINDS:
        return Inference(
            SHAPE_KINDS[shape],
            f"a {shape} is a {SHAPE_KINDS[shape].split('_')[-1]}"
            if shape != "cylinder"
            else "a cylinder is a database",
            replicas,
            managed,
        )
    return Inference("other", "nothing in the label or shape says what it is", replicas, managed)


def label_or_icon(by_label: Inference, icon: str | None) -> Inference:
    """What a box with an icon is: the product its icon names, whatever its label says it does
    ("Fan-out" with the SQS icon is a queue); but a compute icon (EC2, a server) says little, and a
    label that names something ("Redis cache" on an EC2 icon) wins over it, unless it names a
    client: what runs on a server is no user's device ("Web app" on EC2 is the app's server).
    ``icon`` is the icon's name in words ("aws sqs"); replicas come from the label.

    Examples
    --------
    >>> label_or_icon(infer_kind("Fan-out"), "aws sqs").kind
    'queue'
    >>> label_or_icon(infer_kind("Redis cache"), "aws ec2").kind
    'cache'
    >>> label_or_icon(infer_kind("Web app"), "aws ec2").kind
    'service'
    """
    if icon is None:
        return by_label
    by_icon = infer_kind(icon)
    compute = by_icon.kind in {"service", "web_server"}
    if by_icon.kind == "other" or (compute and by_label.kind not in {"other", "client"}):
        return by_label
    return Inference(
        by_icon.kind, f"its icon is {icon}", by_label.replicas, by_icon.managed or by_label.managed
    )


_ZONE_WORDS = (  # what a labelled container is, from its label or its AWS/Azure/GCP group icon
    ("availability_zone", re.compile(r"availability[ _-]?zone|\baz\b|\baz[ -]?[a-z0-9]\b", re.I)),
    ("subnet", re.compile(r"subnet", re.I)),
    ("vpc", re.compile(r"\bvpc\b|virtual (private )?(cloud|network)|\bvnet\b", re.I)),
    ("region", re.compile(r"region|\b[a-z]{2}-[a-z]+-\d\b", re.I)),
)


def zone_kind(label: str, hint: str = "") -> str:
    """What a container or frame is ("Private subnet" is a subnet, "us-east-1" a region), else just a
    zone; ``hint`` is what else the drawing says (draw.io's AWS/Azure/GCP group icon).

    Examples
    --------
    >>> zone_kind("Private subnet"), zone_kind("us-east-1"), zone_kind("Team A")
    ('subnet', 'region', 'zone')
    >>> zone_kind("", "mxgraph.aws4.group_vpc")
    'vpc'
    """
    said = f"{label} {hint}".replace("group_", " ")
    return next((kind for kind, words in _ZONE_WORDS if words.search(said)), "zone")
