import pytest

from tests.checks.tester import Case, CheckTester

T = CheckTester("graph.no_single_point_of_failure")


@pytest.mark.parametrize(
    "case",
    [
        Case("c:client -> lb:load_balancer*2 -> api:service*3 -> db:sql_database*2"),
        Case(
            "c:client -> lb:load_balancer*2 -> api:service*3 -> db:sql_database\ndb => standby:sql_database"
        ),
        Case("c:client -> lb:load_balancer*2 -> api:service*2 -> s3:object_storage!"),
        # Two independent paths to the data: neither service alone cuts it off.
        Case("c:client -> a:service -> db:nosql_database*3\nc -> b:service -> db"),
    ],
)
def test_redundant_boards_pass(case):
    T.valid(case)


def test_a_board_whose_clients_reach_no_data_has_no_paths_to_judge_an_omission():
    T.invalid(Case("c:client -> cdn:cdn", outcome="not_assessable"))
    T.invalid(Case("c:client -> api:service*2\ndb:sql_database -> api", outcome="not_assessable"))


def test_replicated_db_is_not_spof_but_lone_lb_is():
    T.invalid(
        Case(
            "c:client -> lb:load_balancer -> api:service*3 -> db:sql_database\ndb => r:read_replica",
            findings=[("spof", {"name": "lb", "datastore": "db"}, (("node", "lb"),))],
        )
    )


def test_lone_database_is_its_own_spof():
    T.invalid(
        Case(
            "c:client -> lb:load_balancer*2 -> api:service*3 -> db:sql_database",
            findings=[("spof", {"name": "db", "datastore": "db"}, (("node", "db"),))],
        )
    )


def test_every_box_on_the_only_path_is_reported_once():
    T.invalid(
        Case(
            "c:client -> gw:api_gateway -> api:service -> db:sql_database",
            findings=[
                ("spof", {"name": "gw"}, None),
                ("spof", {"name": "api"}, None),
                ("spof", {"name": "db"}, None),
            ],
        )
    )


def test_replication_arrows_are_not_paths():
    # The replica is reached only by replication, so it is not judged; the primary is redundant.
    T.valid(Case("c:client -> api:service*2 -> db:sql_database\ndb => r:read_replica"))
    # A read replica that clients do read from, behind a lone API, makes the API the cut.
    T.invalid(
        Case(
            "c:client -> api:service -> r:read_replica*2",
            findings=[("spof", {"name": "api", "datastore": "r"}, (("node", "api"), ("node", "r")))],
        )
    )


def test_no_client_is_not_assessable():
    T.invalid(Case("api:service -> db:sql_database", outcome="not_assessable"))


def test_empty_board_is_not_assessable_and_does_not_raise():
    T.invalid(Case("", outcome="not_assessable"))


BOARD = "c:client -> lb:load_balancer*2 -> api:service*3 -> db:sql_database"


@pytest.mark.parametrize(
    "label, notes",
    [
        ("Postgres (primary + 2 replicas)", ""),
        ("MySQL master-slave", ""),
        ("Postgres", "hot standby in another AZ, automatic failover"),
        ("Cassandra, RF=3", ""),
        ("MongoDB replica set", ""),
        ("3-node CockroachDB cluster", ""),
        ("Orders DB (leader/follower)", ""),
        # in other words: its copies named, its replication, its high-availability pair
        ("Postgres: leader + 2 followers", ""),
        ("Postgres", "streaming replication to another AZ"),
        ("Postgres (active-passive)", ""),
        ("MySQL, active-active", ""),
        ("Postgres HA pair", ""),
        ("Redis Sentinel", ""),
        ("Kafka (3 brokers)", ""),
        ("Three-node Cassandra cluster", ""),
        ("Postgres", "leader with two followers"),
    ],
)
def test_a_store_said_to_be_replicated_in_its_label_or_notes_is_redundant(label, notes):
    # Written on the box instead of set in its replicas field: it was a single point of failure
    T.valid(Case(BOARD, labels={"db": label}, notes={"db": notes} if notes else {}))


@pytest.mark.parametrize(
    "label",
    [
        "Postgres (no replicas yet)",
        "MySQL, replicas later",
        "Postgres",
        "Postgres (no replication)",
        "Postgres, HA later",
        "Kafka (1 broker)",
        "Followers DB",
        "Postgres (HA later)",
    ],
)
def test_a_store_not_said_to_be_replicated_is_still_a_single_point(label):
    T.invalid(Case(BOARD, labels={"db": label}, findings=[("spof", {"name": label}, None)]))


def test_an_object_store_is_a_providers_unless_it_says_it_is_one_node():
    """S3-like storage keeps its own copies, as a CDN or DNS is a provider's: the Primer's "Object
    Store" was a single point of failure."""
    board = "c:client -> lb:load_balancer*2 -> api:service*2 -> db:sql_database*2\napi -> s3:object_storage"
    CheckTester("graph.no_single_point_of_failure").valid(Case(board, labels={"s3": "Object Store"}))
    CheckTester("graph.no_single_point_of_failure").invalid(
        Case(
            board,
            labels={"s3": "MinIO (single node)"},
            findings=[("spof", {"datastore": "MinIO (single node)"}, None)],
        )
    )


@pytest.mark.parametrize("label", ["Orders (DynamoDB)", "Aurora PostgreSQL", "Users: Cloud Spanner"])
def test_a_box_named_for_a_providers_service_is_the_providers_as_an_imported_one_is(label):
    """A box drawn and labelled "DynamoDB" without ticking *managed* was a single point of failure,
    while the same box imported from a diagram is managed (the importers read the provider's name):
    the grader reads the name too. "Self-hosted" or one node says otherwise, and so does an explicit
    managed: false."""
    board = "c:client -> lb:load_balancer*2 -> api:service*2 -> db:sql_database"
    T.valid(Case(board, labels={"db": label}))
    for own in (f"{label}, self-hosted", f"{label} (single node)"):
        T.invalid(Case(board, labels={"db": own}, findings=[("spof", {"datastore": own}, None)]))


def test_a_box_marked_not_managed_is_ours_whatever_its_name():
    from designer.board import provider_run

    named = {"kind": "nosql_database", "label": "DynamoDB: orders"}
    assert provider_run(named)
    assert not provider_run({**named, "managed": False})
    assert not provider_run({"kind": "nosql_database", "label": "Cassandra"})


@pytest.mark.parametrize(
    "label",
    [
        "API on Kubernetes (HPA)",
        "API (horizontal pod autoscaler)",
        "API ReplicaSet",
        "API (replica set)",
        "API tasks",
    ],
)
def test_kubernetes_and_ecs_words_for_a_pool_are_a_pool(label):
    """What Kubernetes and ECS call several copies of a service: a single point of failure before."""
    T.valid(Case("c:client -> lb:load_balancer*2 -> api:service -> db:sql_database*2", labels={"api": label}))


@pytest.mark.parametrize("group", ["Auto Scaling group", "web-asg", "VM scale set", "HPA: api"])
def test_a_box_in_an_auto_scaling_group_is_a_pool(group):
    """AWS diagrams (draw.io's templates, Structurizr's deployment views) draw one EC2 box inside an
    "Auto Scaling group": the group is the pool. The box alone was a single point of failure."""
    case = "c:client -> lb:load_balancer*2 -> api:service -> db:sql_database*2"
    T.valid(Case(case, labels={"api": "EC2 instance"}, zones={"g": (group, ("api",))}))


@pytest.mark.parametrize("group", ["Kubernetes cluster", "Private subnet", "us-east-1a"])
def test_a_box_in_another_zone_is_still_one_instance(group):
    case = "c:client -> lb:load_balancer*2 -> api:service -> db:sql_database*2"
    T.invalid(
        Case(
            case,
            labels={"api": "EC2 instance"},
            zones={"g": (group, ("api",))},
            findings=[("spof", {"name": "EC2 instance"}, (("node", "api"),))],
        )
    )
