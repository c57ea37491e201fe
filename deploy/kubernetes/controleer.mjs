// Validates Kubernetes manifests offline against the Kubernetes API's own schemas (the kubernetes-models package, generated
// from the API server's OpenAPI document): types, required fields and unknown fields, per document. No cluster is needed.
//   kubectl kustomize deploy/kubernetes | node deploy/kubernetes/controleer.mjs .ci/.tools/node_modules - deploy/kubernetes/secret.voorbeeld.yaml
// The first argument is the node_modules folder that holds kubernetes-models and yaml (CI installs them in .ci/.tools).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [modules, ...bestanden] = process.argv.slice(2);
const laad = (...pad) => import(pathToFileURL(join(modules, ...pad)).href);
const { parseAllDocuments } = await laad('yaml', 'dist', 'index.js');

let fouten = 0;
let aantal = 0;
for (const bestand of bestanden) {
  const tekst = readFileSync(bestand === '-' ? 0 : bestand, 'utf8');
  for (const document of parseAllDocuments(tekst)) {
    if (document.errors.length > 0) {
      console.error(`${bestand}: ${document.errors.map(e => e.message).join('; ')}`);
      fouten++;
      continue;
    }

    const object = document.toJS();
    if (object === null) {
      continue;
    }

    aantal++;
    const naam = `${bestand === '-' ? 'kustomize' : bestand}: ${object.kind}/${object.metadata?.name}`;
    const [groep, versie] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : [null, object.apiVersion];
    let soort;
    try {
      soort = (await laad('kubernetes-models', ...(groep ? [groep] : []), versie, `${object.kind}.js`))[object.kind];
    } catch {
      console.error(`${naam}: onbekende apiVersion/kind ${object.apiVersion} ${object.kind}`);
      fouten++;
      continue;
    }

    try {
      new soort(object).validate();
      console.log(`ok  ${naam}`);
    } catch (fout) {
      console.error(`${naam}: ${fout.message}`);
      fouten++;
    }
  }
}

console.log(`${aantal} manifesten, ${fouten} fout(en)`);
process.exit(fouten === 0 && aantal > 0 ? 0 : 1);
