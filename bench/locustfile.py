"""One endpoint under load: BENCH_PATH requested by simulated users holding the session cookie
BENCH_SESSION (empty: anonymous). Each user waits 0.5–1.5 s between requests (think time), so 20 users
offer a bounded load of about 20 requests per second. Started by bench/run.py."""

import os

from locust import FastHttpUser, between, task


class Nutzer(FastHttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self):
        sitzung = os.environ.get("BENCH_SESSION", "")
        self.headers = {"Cookie": f"sessionid={sitzung}"} if sitzung else {}

    @task
    def seite(self):
        with self.client.get(
            os.environ["BENCH_PATH"], headers=self.headers, name=os.environ["BENCH_NAME"], catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
