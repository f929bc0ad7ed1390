// Runs on every upload: reads objects under `incoming/` (the only ones its grant allows) and
// publishes one message per object for the worker.
const functions = require("@google-cloud/functions-framework");
const { Storage } = require("@google-cloud/storage");
const { PubSub } = require("@google-cloud/pubsub");

const storage = new Storage();
const pubsub = new PubSub();

functions.cloudEvent("ingest", async (event) => {
    const { bucket, name } = event.data;
    if (!name.startsWith("incoming/")) {
        return;
    }
    const [metadata] = await storage.bucket(bucket).file(name).getMetadata();
    await pubsub.topic(process.env.EVENTS_TOPIC).publishMessage({
        json: { bucket, name, size: Number(metadata.size) },
    });
});
