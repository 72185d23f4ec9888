from builds.opennext import load_output
from operations.invalidation import MAX_PATHS, group_paths
from operations.publish import execute, plan_publish
from operations.stage_outputs import PublishTarget
from tests.builds.synthetic_output import write_output


def test_paths_are_grouped_by_top_level_directory():
    assert group_paths(["/a.png", "/img/x.png", "/img/sub/y.png", "/robots.txt"]) == (
        "/a.png",
        "/img/*",
        "/robots.txt",
    )
    assert group_paths(f"/f{i}.txt" for i in range(MAX_PATHS + 1)) == ("/*",)
    assert group_paths([]) == ()


def distribution(cloudfront) -> str:
    config = {
        "CallerReference": "test",
        "Comment": "",
        "Enabled": True,
        "Origins": {
            "Quantity": 1,
            "Items": [
                {
                    "Id": "s3",
                    "DomainName": "b.s3.amazonaws.com",
                    "S3OriginConfig": {"OriginAccessIdentity": ""},
                }
            ],
        },
        "DefaultCacheBehavior": {
            "TargetOriginId": "s3",
            "ViewerProtocolPolicy": "https-only",
            "MinTTL": 0,
            "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
        },
    }
    return cloudfront.create_distribution(DistributionConfig=config)["Distribution"]["Id"]


def invalidated_paths(cloudfront, distribution_id):
    items = cloudfront.list_invalidations(DistributionId=distribution_id)["InvalidationList"].get("Items", [])
    return [
        cloudfront.get_invalidation(DistributionId=distribution_id, Id=i["Id"])["Invalidation"][
            "InvalidationBatch"
        ]["Paths"].get("Items", [])
        for i in items
    ]


def test_a_new_build_invalidates_everything_a_changed_file_only_its_path(bucket, moto_server, tmp_path):
    s3, local = bucket
    cloudfront = moto_server.client("cloudfront", region="us-east-1")
    target = PublishTarget("dev", local.bucket, distribution(cloudfront))
    output = load_output(write_output(tmp_path, "b1").parent)
    first = plan_publish(s3, output, target)
    assert first.invalidation_paths == ("/*",)
    execute(s3, cloudfront, first)
    assert plan_publish(s3, output, target).changes_nothing
    changed = load_output(
        write_output(tmp_path, "b1", public={"logo.png": b"v2", "robots.txt": b"User-agent: *\n"}).parent
    )
    plan = plan_publish(s3, changed, target)
    assert plan.invalidation_paths == ("/logo.png",)
    execute(s3, cloudfront, plan)
    assert sorted(invalidated_paths(cloudfront, target.distribution_id)) == [["/*"], ["/logo.png"]]
