"""The kind-inference table: common cloud and open-source names, shapes, replicas."""

import pytest

from designer.kinds import KIND_RULES, infer_kind
from designer.session_format import KINDS


@pytest.mark.parametrize(
    "label, kind",
    [
        ("Redis", "cache"),
        ("Memcached cluster", "cache"),
        ("ElastiCache", "cache"),
        ("Kafka", "stream"),
        ("Kinesis Data Streams", "stream"),
        ("SQS", "queue"),
        ("RabbitMQ", "queue"),
        ("Celery broker", "queue"),
        ("nginx", "load_balancer"),
        ("ELB", "load_balancer"),
        ("HAProxy", "load_balancer"),
        ("ALB", "load_balancer"),
        ("S3 bucket", "object_storage"),
        ("Blob storage", "object_storage"),
        ("Postgres", "sql_database"),
        ("MySQL primary", "sql_database"),
        ("Aurora", "sql_database"),
        ("Cassandra", "nosql_database"),
        ("DynamoDB", "nosql_database"),
        ("MongoDB", "nosql_database"),
        ("Read replicas", "read_replica"),
        ("Elasticsearch", "search_index"),
        ("CloudFront", "cdn"),
        ("Route 53", "dns"),
        ("API Gateway", "api_gateway"),
        ("Kong", "api_gateway"),
        ("Auth service", "auth_service"),
        ("ZooKeeper", "coordination"),
        ("Prometheus", "monitoring"),
        ("Mobile app", "client"),
        ("Browser", "client"),
        ("Users", "client"),
        ("Fan-out workers", "worker"),
        ("WebSocket servers", "websocket_server"),
        ("APNs / FCM", "notification_service"),
        ("Order service", "service"),
        ("Web servers", "web_server"),
        ("Stripe", "external"),
        ("Rate limiter", "rate_limiter"),
        ("Frobnicator", "other"),
    ],
)
def test_common_names(label, kind):
    assert infer_kind(label).kind == kind


@pytest.mark.parametrize(
    "label, replicas", [("API x3", 3), ("API ×4", 4), ("App (5 servers)", 5), ("10 nodes", 10), ("API", 1)]
)
def test_replicas_in_labels(label, replicas):
    assert infer_kind(label).replicas == replicas


@pytest.mark.parametrize(
    ("label", "kind", "replicas"),
    [
        ("API (3 replicas)", "service", 3),  # was a read replica
        ("Postgres (2 replicas)", "sql_database", 2),
        ("Redis primary + 2 replicas", "cache", 2),
        ("3 × API", "service", 3),
        ("3x Chat servers", "websocket_server", 3),
        ("API * 3", "service", 3),
        ("6 API pods", "service", 6),
        ("API pods: 6", "service", 6),
        ("API cluster of 5", "service", 5),
        ("API (N=8)", "service", 8),
        ("Postgres read replica x2", "read_replica", 2),
        ("Read replicas (2 nodes)", "read_replica", 2),
        # a primary named with its standby or replicas is the database, in two copies or more
        ("RDS PostgreSQL Multi-AZ Primary + standby replica, automated backups", "sql_database", 2),
        ("Postgres primary with 2 read replicas", "sql_database", 2),
        ("MySQL (primary/replica)", "sql_database", 2),
        ("Read replica (async from the primary)", "read_replica", 1),
        ("Standby DB, a copy of the primary", "read_replica", 1),
        # a range of copies runs at least its lower bound
        ("ECS Fargate Spring Boot app containers (2–10 tasks, auto-scaling)", "service", 2),
        ("API (2-10 pods)", "service", 2),
        ("Workers: 3 to 12 instances", "worker", 3),
        ("ECS service, 4 tasks", "service", 4),
        # a count spelled out
        ("Three API servers", "service", 3),
        ("API (two pods)", "service", 2),
        ("Chat: twelve WebSocket servers", "websocket_server", 12),
        ("Fifteen API pods", "service", 15),
        ("One API server", "service", 1),
    ],
)
def test_a_count_of_copies_written_as_people_write_it(label, kind, replicas):
    """How many copies of a box run, as people write it: each read as one copy (a single point of
    failure where there is none), or, said in replicas, as a read replica instead of the box."""
    inferred = infer_kind(label)
    assert (inferred.kind, inferred.replicas) == (kind, replicas)


def test_shapes_decide_when_the_label_does_not():
    assert infer_kind("Orders", "cylinder").kind == "sql_database"
    assert infer_kind("Orders", "rectangle").kind == "other"
    assert infer_kind("Redis", "cylinder").kind == "cache"  # the label wins over the shape


def test_every_rule_names_a_real_kind():
    assert {kind for kind, _ in KIND_RULES} <= set(KINDS)


# Labels from real diagrams (the repositories in tests/data and issue 14's sample), read whole: a word
# that names an app on a phone or a document does not decide against the rest of the label.
@pytest.mark.parametrize(
    "label, kind",
    [
        ("FastAPI Dashboard app.py", "service"),
        ("lambda function", "service"),
        ("AWS Lambda", "service"),
        ("Cloud Functions", "service"),
        ("Flask app", "service"),
        ("Django app", "service"),
        ("Spring Boot app", "service"),
        ("Node.js app", "service"),
        ("Storage", "other"),
        ("Document storage", "other"),
        ("Mobile app", "client"),
        ("Web app", "client"),
        ("React SPA", "client"),
        ("Admin dashboard", "client"),
        ("Next.js frontend", "client"),
        ("Blob Storage", "object_storage"),
        ("Order Service DB", "sql_database"),
        ("User Service", "service"),
    ],
)
def test_real_labels_read_whole(label, kind):
    assert infer_kind(label).kind == kind


@pytest.mark.parametrize(
    "label, kind",
    [
        ("Celery workers", "worker"),  # the workers, not the broker they read
        ("Celery", "worker"),
        ("Sidekiq", "worker"),
        ("Flink job", "worker"),
        ("Spark cluster", "worker"),
        ("Hadoop / MapReduce", "worker"),
        ("Neo4j", "nosql_database"),
        ("Graph database", "nosql_database"),
        ("InfluxDB", "nosql_database"),
        ("Time-series DB", "nosql_database"),
        ("Firestore", "nosql_database"),
        ("Document store", "nosql_database"),
        ("TimescaleDB", "sql_database"),
        ("ClickHouse", "sql_database"),
        ("Vitess", "sql_database"),
        ("Redshift", "sql_database"),
        ("BigQuery", "sql_database"),
        ("Data warehouse", "sql_database"),
        ("Memorystore", "cache"),
        ("Valkey", "cache"),
        ("Object store", "object_storage"),
        ("Data lake", "object_storage"),
        ("HDFS", "object_storage"),
        ("Reverse proxy", "load_balancer"),
        ("SendGrid", "notification_service"),
        ("Email provider", "notification_service"),
        ("Snowflake ID generator", "service"),  # Twitter's ids, not the warehouse
        ("ID generator", "service"),
        ("HA Proxy", "load_balancer"),
        ("GeoDNS", "dns"),
        ("TiDB", "sql_database"),
        ("Citus (sharded Postgres)", "sql_database"),
        ("Citus", "sql_database"),
        ("PlanetScale", "sql_database"),
    ],
)
def test_names_other_people_write_for_the_same_parts(label, kind):
    """Answers written in other words than the table's first ones: the same kind, not "other"."""
    assert infer_kind(label).kind == kind


@pytest.mark.parametrize(
    "label, managed",
    [
        ("DynamoDB: urls", True),
        ("S3 bucket", True),
        ("Cloud Spanner", True),
        ("SQS queue", True),
        ("ALB", True),
        ("Application Load Balancer", True),  # AWS's name for its ALB, as C4 diagrams of AWS write it
        ("Network Load Balancer", True),
        ("Azure Application Gateway", True),
        ("Google Cloud Load Balancing", True),
        ("CloudFront", True),
        ("Postgres (multi-AZ)", True),
        ("EventBridge", True),
        ("Email (SES)", True),
        ("Auth0", True),
        ("Snowflake ID generator", False),  # ours to run, whatever the warehouse is
        ("Postgres", False),  # one instance unless the label says otherwise
        ("Redis", False),
        ("Message queue", False),  # a pattern, not a provider's service
        ("Blob storage", False),
        ("Load balancer", False),
    ],
)
def test_a_providers_replicated_service_is_managed(label, managed):
    """A box named for a service its provider runs across zones is managed, as the whiteboard's box
    says: no single point of failure of its own. Generic names say nothing of who runs it."""
    assert infer_kind(label).managed is managed
    assert ("managed" in infer_kind(label).fields()) is managed


@pytest.mark.parametrize(
    "label, kind",
    [
        ("Auth0", "auth_service"),
        ("Okta SSO", "auth_service"),
        ("Meilisearch", "search_index"),
        ("Typesense", "search_index"),
        ("Pinecone", "nosql_database"),
        ("Vector DB", "nosql_database"),
        ("Milvus vector store", "nosql_database"),
        ("DocumentDB", "nosql_database"),
        ("Keyspaces", "nosql_database"),
        ("Snowflake", "sql_database"),
        ("Athena", "sql_database"),
        ("pgvector", "sql_database"),
        ("Kibana", "monitoring"),
        ("Sentry", "monitoring"),
        ("CloudWatch", "monitoring"),
        ("Jaeger tracing", "monitoring"),
        ("Log aggregator", "monitoring"),
        ("PagerDuty", "monitoring"),
        ("EventBridge", "stream"),
        ("Kinesis Firehose", "stream"),
        ("Redis Streams", "stream"),  # not the cache: Redis used as a log
        ("Redis pub/sub", "queue"),
        ("Firebase Cloud Messaging", "notification_service"),
        ("Email (SES)", "notification_service"),
        ("SMS gateway", "notification_service"),  # not an API gateway
        ("Payment gateway", "external"),
        ("Google Cloud Storage", "object_storage"),
        ("EC2 instances", "service"),
        ("EKS cluster", "service"),
        ("BFF", "service"),
        ("Scheduler", "worker"),
        ("Airflow", "worker"),
        ("Debezium CDC", "worker"),
        # each "other" before: stores and runtimes named by their products
        ("YugabyteDB", "sql_database"),
        ("FoundationDB", "nosql_database"),
        ("KeyDB", "cache"),
        ("DragonflyDB", "cache"),
        ("Apache Druid", "sql_database"),  # real-time analytics, queried in SQL, as ClickHouse
        ("Apache Pinot", "sql_database"),
        ("Ceph", "object_storage"),
        ("Redpanda", "stream"),
        ("Fargate tasks", "service"),
        ("E-mail system", "notification_service"),  # C4's own example's mail system
        # draw.io's own AWS and Azure templates
        ("AWS Single Sign-On", "auth_service"),
        ("Azure Active Directory", "auth_service"),
        ("Azure Log Analytics", "monitoring"),
        ("Application Insights", "monitoring"),
        ("Azure Virtual Machine Scale Sets", "service"),
        ("EC2 Auto Scaling group", "service"),
    ],
)
def test_more_names_from_real_diagrams(label, kind):
    """Read off real architecture diagrams (AWS, GCP, vendor docs): these were "other", or the wrong
    kind, so a box was unused, a store undiscussed or a gateway counted as one."""
    assert infer_kind(label).kind == kind


@pytest.mark.parametrize("label", ["APNs", "FCM", "SendGrid", "Mailgun", "OneSignal push"])
def test_a_push_or_mail_provider_is_managed(label):
    """A provider's fleet, not a box of the design: APNs was a single box that "stopped 2 arrows the
    clients use" in the failure drill."""
    inference = infer_kind(label)
    assert inference.kind == "notification_service" and inference.managed


@pytest.mark.parametrize(
    "label, kind",
    [
        ("WebSocket gateway", "websocket_server"),  # the gateway word took it for an API gateway
        ("WS gateway", "websocket_server"),
        ("Gateway servers (WS)", "websocket_server"),
        ("Realtime gateway", "websocket_server"),
        ("SSE gateway", "websocket_server"),
        ("Long polling servers", "websocket_server"),
        ("Edge servers (persistent connections)", "websocket_server"),
        ("XMPP servers", "websocket_server"),
        ("Ejabberd", "websocket_server"),
        ("API gateway", "api_gateway"),
        ("Web servers", "web_server"),
    ],
)
def test_a_real_time_connection_tier_by_any_of_its_names(label, kind):
    """The tier holding clients' long-lived connections is drawn under the protocol's name or the
    server's, and often called a gateway; the chat app's criteria look for it by kind."""
    assert infer_kind(label).kind == kind
