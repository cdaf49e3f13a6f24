"""Measures moto TransactWriteItems cost with and without infra/moto/sitecustomize.py, and checks both give the same state.

Usage (needs moto and boto3, which moto[server] brings):  python3 infra/moto/transaction_cost.py patch|plain
Prints the seconds for 600 three-item transactions on a table with a stream, then the state after a cancelled
transaction (its first two writes must be rolled back) and the stream record count; "patch" and "plain" must agree.
"""
import sys, time
if sys.argv[1] == "patch": sys.path.insert(0, __import__("os").path.dirname(__import__("os").path.abspath(__file__))); import sitecustomize
import boto3
from moto import mock_aws
from botocore.exceptions import ClientError
with mock_aws():
    d = boto3.client("dynamodb", region_name="ap-southeast-3")
    d.create_table(TableName="t", BillingMode="PAY_PER_REQUEST", AttributeDefinitions=[{"AttributeName":"PK","AttributeType":"S"},{"AttributeName":"SK","AttributeType":"S"}], KeySchema=[{"AttributeName":"PK","KeyType":"HASH"},{"AttributeName":"SK","KeyType":"RANGE"}], StreamSpecification={"StreamEnabled":True,"StreamViewType":"NEW_AND_OLD_IMAGES"})
    d.put_item(TableName="t", Item={"PK":{"S":"A"},"SK":{"S":"A"},"v":{"N":"0"}})
    t=time.time()
    for i in range(600):
        d.transact_write_items(TransactItems=[
          {"Update":{"TableName":"t","Key":{"PK":{"S":"A"},"SK":{"S":"A"}},"UpdateExpression":"SET v = :n","ConditionExpression":"v = :o","ExpressionAttributeValues":{":n":{"N":str(i+1)},":o":{"N":str(i)}}}},
          {"Put":{"TableName":"t","Item":{"PK":{"S":"A"},"SK":{"S":"E%06d"%i}},"ConditionExpression":"attribute_not_exists(PK)"}},
          {"Put":{"TableName":"t","Item":{"PK":{"S":"T%d"%i},"SK":{"S":"T"}},"ConditionExpression":"attribute_not_exists(PK)"}}])
    el=round(time.time()-t,2)
    # a cancelled transaction: first two items apply, third fails -> everything rolled back
    try:
        d.transact_write_items(TransactItems=[
          {"Update":{"TableName":"t","Key":{"PK":{"S":"A"},"SK":{"S":"A"}},"UpdateExpression":"SET v = :n","ExpressionAttributeValues":{":n":{"N":"999"}}}},
          {"Put":{"TableName":"t","Item":{"PK":{"S":"NEW"},"SK":{"S":"X"}}}},
          {"Put":{"TableName":"t","Item":{"PK":{"S":"T1"},"SK":{"S":"T"}},"ConditionExpression":"attribute_not_exists(PK)", "ReturnValuesOnConditionCheckFailure":"ALL_OLD"}}])
    except ClientError as e:
        print("cancelled:", e.response.get("CancellationReasons"))
    v = d.get_item(TableName="t", Key={"PK":{"S":"A"},"SK":{"S":"A"}})["Item"]["v"]
    new = d.get_item(TableName="t", Key={"PK":{"S":"NEW"},"SK":{"S":"X"}}).get("Item")
    n = d.scan(TableName="t", Select="COUNT")["Count"]
    from moto.dynamodb.models import dynamodb_backends
    shard = dynamodb_backends["123456789012"]["ap-southeast-3"].tables["t"].stream_shard
    print(sys.argv[1], "600 tx:", el, "s; v =", v, "new =", new, "count =", n, "stream records =", len(shard.items))
