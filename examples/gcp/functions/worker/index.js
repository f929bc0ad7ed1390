// Drains the work subscription and hands each upload to the store function over HTTP, with an ID
// token whose audience is the store's URL (STORE_URL, put here by the run:invoke grant).
const functions = require("@google-cloud/functions-framework");
const { PubSub } = require("@google-cloud/pubsub");
const { GoogleAuth } = require("google-auth-library");

const subscription = new PubSub().subscription(process.env.WORK_SUBSCRIPTION);
const auth = new GoogleAuth();

functions.http("worker", async (_req, res) => {
    const client = await auth.getIdTokenClient(process.env.STORE_URL);
    const [messages] = await subscription.pull({ maxMessages: 10 });
    for (const message of messages) {
        await client.request({ url: process.env.STORE_URL, method: "POST", data: message.json });
        message.ack();
    }
    res.json({ handled: messages.length });
});
