// Called by the worker only (run.invoker for the worker's account, internal ingress): records each
// upload under `processed/`, the only prefix its grant may create objects in.
const functions = require("@google-cloud/functions-framework");
const { Storage } = require("@google-cloud/storage");

const bucket = new Storage().bucket(process.env.UPLOADS_BUCKET);

functions.http("store", async (req, res) => {
    const { name, size } = req.body;
    const record = bucket.file(`processed/${name.replace(/^incoming\//, "")}.json`);
    await record.save(JSON.stringify({ name, size, storedAt: new Date().toISOString() }));
    res.status(201).end();
});
