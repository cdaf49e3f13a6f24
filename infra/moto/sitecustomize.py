"""Makes moto's DynamoDB TransactWriteItems cost proportional to the transaction, not to the table.

moto (5.x) prepares a rollback by deep-copying the whole table once per transaction item, so a 3-item transaction on
a 2,000-item table copies 6,000 items. Test suites and local runs of this project write thousands of transactions
into one table, which made them quadratic. This wrapper keeps moto's own transaction logic (conditions, errors,
CancellationReasons, ALL_OLD) untouched and replaces only the rollback bookkeeping: before the transaction it saves a
copy of each item the transaction touches (and the length of the table's stream), and if moto cancels the
transaction it puts exactly those items back (and drops stream records the cancelled writes produced).

Loaded through PYTHONPATH by the project's moto launcher (infra/devkit MotoServer). Anything unexpected (another
moto layout, an item whose key it cannot read) falls back to moto's own behaviour for that call or for good.
"""
import copy as _copy
import threading as _threading

try:
    from moto.dynamodb import models as _models
    from moto.dynamodb.models.dynamo_type import DynamoType as _DynamoType

    _local = _threading.local()
    _real_deepcopy = _copy.deepcopy

    class _CopyModule:
        """Stands in for the copy module inside moto.dynamodb.models only."""

        def __getattr__(self, name):
            return getattr(_copy, name)

        @staticmethod
        def deepcopy(obj, memo=None):
            # While our own undo log covers the transaction, the whole-table snapshot is not needed: hand back the
            # live table, so moto's "restore the snapshot" becomes a no-op and our undo log does the restoring.
            if getattr(_local, "undo_active", False) and isinstance(obj, _models.Table):
                return obj
            return _real_deepcopy(obj, memo)

    _original = _models.DynamoDBBackend.transact_write_items

    def _touched_items(backend, transact_items):
        undo = []
        streams = {}
        for entry in transact_items:
            op_type, op = next(iter(entry.items()))
            table = backend.tables[op["TableName"]]
            source = op["Item"] if op_type == "Put" else op["Key"]
            hash_value = _DynamoType(source[table.hash_key_attr])
            range_value = _DynamoType(source[table.range_key_attr]) if table.range_key_attr else None
            current = table.get_item(hash_value, range_value)
            undo.append((table, hash_value, range_value, None if current is None else _real_deepcopy(current)))
            if table.stream_shard is not None and id(table) not in streams:
                streams[id(table)] = (table, len(table.stream_shard.items))
        return undo, list(streams.values())

    def _restore(undo, streams):
        for table, hash_value, range_value, old in reversed(undo):
            if range_value is not None:
                if old is None:
                    table.items.get(hash_value, {}).pop(range_value, None)
                else:
                    table.items[hash_value][range_value] = old
            else:
                if old is None:
                    table.items.pop(hash_value, None)
                else:
                    table.items[hash_value] = old
        for table, length in streams:
            del table.stream_shard.items[length:]

    def _transact_write_items(self, transact_items):
        try:
            undo, streams = _touched_items(self, transact_items)
        except Exception:
            return _original(self, transact_items)  # unusual input: moto's own path raises the right error
        _local.undo_active = True
        try:
            return _original(self, transact_items)
        except BaseException:
            _restore(undo, streams)
            raise
        finally:
            _local.undo_active = False

    if getattr(_models, "copy", None) is _copy and callable(_original):
        _models.copy = _CopyModule()
        _models.DynamoDBBackend.transact_write_items = _transact_write_items
except Exception:  # pragma: no cover - any surprise: leave moto exactly as shipped
    pass

# moto_server answers requests on threads, but its DynamoDB backend has no locking: two transactions on one item that
# run at the same time interleave, and the cancelled one's rollback (moto's whole-table snapshot, or the undo log
# above) puts back items it read before the other committed, erasing that committed write (a ledger entry whose
# balance change is gone; found by the load run, infra/benchmarks LoadRun). DynamoDB applies each request atomically
# and transactions serializably, so the server handles one DynamoDB request at a time, as a real table appears to.
try:
    import threading as _threading_for_lock
    from moto.dynamodb import responses as _responses

    _dynamodb_request_lock = _threading_for_lock.RLock()
    _call_action = _responses.DynamoHandler.call_action

    def _one_request_at_a_time(self):
        with _dynamodb_request_lock:
            return _call_action(self)

    _responses.DynamoHandler.call_action = _one_request_at_a_time
except Exception:  # pragma: no cover - another moto layout: leave it as shipped
    pass
