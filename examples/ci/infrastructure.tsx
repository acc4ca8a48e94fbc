// The stack the CI example deploys: stand-ins from creact/mock (nothing leaves the machine). Put your own
// resources here; the pipeline does not change.
import { useInstance } from "creact";
import { MockResource } from "creact/mock";

function Service({ name }: { name: string }) {
  const queue = useInstance(MockResource, { key: "queue", name: `${name}-queue` });
  useInstance(MockResource, { key: "worker", name: `${name}-worker`, queue: queue.outputs.id });
  return null;
}

export default function App() {
  return (
    <>
      <Service key="orders" name="orders" />
      <Service key="billing" name="billing" />
    </>
  );
}
