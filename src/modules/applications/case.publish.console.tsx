import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendHtml } from '../../platform/http/render.js';
import { idParam, parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { Form } from '../../web/components.js';
import { ConsolePage } from '../../web/console-layout.js';
import { pageContext } from '../../web/context.js';
import { draftDecisionDocument } from './case.publish.js';
import { listDecidedReconsiderations } from './case.repository.js';
import { decisionLabel } from './case.rules.js';

const PAGE = '/console/reconsideration-decisions';

/**
 * For the publisher (documents.edit, no access to applications): the decided reconsideration cases,
 * each with its 行政复议决定书 draft or a button to start one (seed 五.2). Only case facts are shown.
 */
export function casePublishConsole(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const perm = { config: { permission: 'documents.edit' } };

  app.get(PAGE, perm, async (request, reply) => {
    const ctx = await pageContext(db, request);
    const rows = await listDecidedReconsiderations(db);
    return sendHtml(
      reply,
      <ConsolePage ctx={ctx} title="行政复议决定书公开">
        <p>
          已作出决定的政府信息公开行政复议案件。起草后在“文件发布”中补充决定书全文（附件），经保密审查后发布（工作要点五.2）。
        </p>
        <table>
          <caption>共 {rows.length} 件已决定的行政复议案件</caption>
          <thead>
            <tr>
              <th scope="col">案号</th>
              <th scope="col">复议机关</th>
              <th scope="col">决定</th>
              <th scope="col">公开</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.case_no}</th>
                <td>{r.body}</td>
                <td>
                  {decisionLabel(r.decision!)}（{r.decided_on}）
                </td>
                <td>
                  {r.document_id ? (
                    <a href={`/console/documents/${r.document_id}`}>查看文件</a>
                  ) : (
                    <Form
                      ctx={ctx}
                      action={`${PAGE}/${r.id}`}
                      label={`起草公开 ${r.case_no}`}
                      class="form-inline"
                    >
                      <button type="submit">起草公开</button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ConsolePage>,
    );
  });

  app.post(`${PAGE}/:id`, perm, async (request: FastifyRequest, reply) => {
    const id = parseInput(idParam, (request.params as Record<string, string>).id, { _: '编号' });
    const documentId = await draftDecisionDocument({ db }, request.actor, id);
    return reply.redirect(`/console/documents/${documentId}`, 303);
  });
}
