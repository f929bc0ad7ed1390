import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { programConfig, readProject, selectStack } from "../../../cli/engine/project";

describe("reading a Pulumi project", function () {
    let dir: string;
    beforeEach(function () {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "perimeter-project-"));
        fs.writeFileSync(path.join(dir, "index.ts"), "export {};\n");
    });
    afterEach(function () {
        fs.rmSync(dir, { recursive: true, force: true });
    });
    const write = (file: string, text: string): void =>
        fs.writeFileSync(path.join(dir, file), text);

    it("takes the name, main and TypeScript setting from Pulumi.yaml", function () {
        fs.mkdirSync(path.join(dir, "src"));
        fs.writeFileSync(path.join(dir, "src", "main.js"), "");
        write(
            "Pulumi.yaml",
            "name: shop\nmain: src/main.js\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n",
        );
        const project = readProject(dir);
        assert.equal(project.name, "shop");
        assert.equal(project.main, path.join(dir, "src", "main.js"));
        assert.equal(project.typescript, false);
    });

    it("rejects a project of another runtime and one without a name", function () {
        write("Pulumi.yaml", "name: shop\nruntime: python\n");
        assert.throws(() => readProject(dir), /uses runtime 'python'; perimeter runs Node\.js/);
        write("Pulumi.yaml", "runtime: nodejs\n");
        assert.throws(() => readProject(dir), /has no project 'name'/);
    });

    it("rejects a project without an entry point and names the fix", function () {
        fs.rmSync(path.join(dir, "index.ts"));
        write("Pulumi.yaml", "name: shop\nruntime: nodejs\n");
        assert.throws(
            () => readProject(dir),
            /no program entry point .* add index\.ts or index\.js/,
        );
    });

    it("picks the only stack file, else dev, and asks for --stack when dev is not among several", function () {
        write("Pulumi.yaml", "name: shop\nruntime: nodejs\n");
        const project = readProject(dir);
        assert.equal(selectStack(project), "dev");
        write("Pulumi.staging.yaml", "config: {}\n");
        assert.equal(selectStack(project), "staging");
        write("Pulumi.prod.yaml", "config: {}\n");
        assert.throws(
            () => selectStack(project),
            /several stacks \(prod, staging\); choose one with --stack/,
        );
        assert.equal(selectStack(project, "prod"), "prod");
        write("Pulumi.dev.yaml", "config: {}\n");
        assert.equal(selectStack(project), "dev");
    });

    it("passes config as the language host does: namespaced keys, strings, objects as JSON", function () {
        write(
            "Pulumi.yaml",
            "name: shop\nruntime: nodejs\nconfig:\n  size:\n    type: integer\n    default: 3\n  aws:region: us-west-2\n  noDefault:\n    type: string\n",
        );
        write(
            "Pulumi.dev.yaml",
            "config:\n  shop:limits:\n    memory: 256\n  shop:enabled: true\n  aws:region: eu-west-1\n",
        );
        const config = programConfig(readProject(dir), "dev", { size: "5", "gcp:project": "p1" });
        assert.deepEqual(config, {
            "shop:size": "5",
            "aws:region": "eu-west-1",
            "shop:limits": '{"memory":256}',
            "shop:enabled": "true",
            "gcp:project": "p1",
        });
    });
});
