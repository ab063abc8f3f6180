"""A contract v1.1 bot with python-socketio: it joins a room, says hello, edits that message,
reacts to the newest message of someone else, and marks the room read.

Run with Debian's python (python3-socketio, python3-websocket):
    /usr/bin/python3 edit_react_read_bot.py http://127.0.0.1:3000 some-room
It prints one JSON line with what the relay answered, for test/python-bot.test.ts.
"""
import json
import sys
import threading
import uuid

import socketio

url, room = sys.argv[1], sys.argv[2]
sio = socketio.Client(reconnection=False)
session = {}
ready = threading.Event()
live = []


@sio.on('session')
def on_session(data):
    session.update(data)
    ready.set()


@sio.on('message')
def on_message(entry):
    live.append(entry)


def call(event, payload):
    """Every request answers through its ack: {'ok': True, ...} or {'ok': False, 'error': {...}}."""
    answer = sio.call(event, payload, timeout=10)
    if not answer.get('ok'):
        raise SystemExit(f'{event} failed: {answer}')
    return answer


sio.connect(url, auth={'name': 'Py Bot'}, transports=['websocket'])
if not ready.wait(10):
    raise SystemExit('no session event')
me = session['user']['id']

joined = call('room:join', {'room': room})
others = [m for m in joined['messages'] if m['kind'] == 'text' and m['user']['id'] != me and not m.get('deleted')]
target = others[-1]

hello = call('message', {'room': room, 'text': 'hello from python', 'clientId': str(uuid.uuid4())})['message']
edit = call('message:edit', {'room': room, 'id': hello['id'], 'text': 'hello from python (edited)', 'clientId': str(uuid.uuid4())})

# A retry with the same clientId (say the ack was lost) is answered with the first entry.
react_key = str(uuid.uuid4())
reaction = call('message:react', {'room': room, 'id': target['id'], 'emoji': '👍', 'on': True, 'clientId': react_key})
retry = call('message:react', {'room': room, 'id': target['id'], 'emoji': '👍', 'on': True, 'clientId': react_key})

read = call('room:read', {'room': room, 'seq': reaction['message']['seq']})
print(json.dumps({
    'me': me,
    'joined': {'readSeq': joined['readSeq'], 'unread': joined['unread'], 'topic': joined['topic']},
    'hello': hello,
    'edit': edit['message'],
    'reaction': reaction['message'],
    'retryDuplicate': retry['duplicate'],
    'retrySameEntry': retry['message']['id'] == reaction['message']['id'],
    'readSeq': read['readSeq'],
}))
sio.disconnect()
