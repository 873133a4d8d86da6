import { useCallback, useMemo, useRef, useState } from 'react'
import { useClient } from '../api/client-context'
import { useLoad } from '../api/use-load'
import { ArchiveHome } from '../features/home/archive-home'
import { ImportProgressView } from '../features/home/import-progress'
import { useImporter } from '../features/home/use-importer'
import { ReportReview } from '../features/report-review/report-review'
import { ChangedLinksProvider } from '../features/capture/changed-links-context'
import { indexSources } from '../features/report-review/source-names'
import { SearchBox, type SearchPick } from '../features/search/search-box'
import { SourceViewer, type ViewerFocus } from '../features/source-viewer/source-viewer'
import { useDesktopEvents } from './use-desktop-events'
import { useFileDrop } from './use-file-drop'
import { useRoute } from './use-route'
import { useSearchKey } from './use-search-key'
import { UserName } from '../features/settings/user-name'
import { HubStatus } from '../features/team/hub-status'
import { TeamView } from '../features/team/team-view'

// The app's frame: header (search, hub, user), progress, the screen the
// address names, and the drop target. Each concern lives in its own hook.
export function App() {
  const client = useClient()
  const { api } = client
  const { route, go } = useRoute()
  const [reloadKey, setReloadKey] = useState(0)
  const sources = useLoad(() => api.listSources({}), `sources:${reloadKey}`)
  const reports = useLoad(() => api.listReports({}), `reports:${reloadKey}`)
  const info = useLoad(() => api.getArchiveInfo({}), `info:${reloadKey}`)
  const [viewerRequest, setViewerRequest] = useState<ViewerFocus | null>(null)
  const searchRef = useRef<HTMLInputElement>(null)
  const fileInputRef = useRef<HTMLInputElement>(null)
  const casePathRef = useRef<HTMLInputElement>(null)
  const reload = useCallback(() => setReloadKey((k) => k + 1), [])
  const importer = useImporter(api, reload)

  const focusSearch = useCallback(() => searchRef.current?.focus(), [])
  const progress = useDesktopEvents(client, reload, focusSearch)
  const dragging = useFileDrop(importer.importFiles)
  useSearchKey(route.screen !== 'report', focusSearch)

  const onPick = useCallback(
    (hit: SearchPick) => {
      if (route.screen === 'report') setViewerRequest({ snapshotId: hit.snapshotId, start: hit.start, end: hit.end, nonce: Date.now() })
      else go({ screen: 'source', snapshotId: hit.snapshotId, start: hit.start, end: hit.end })
    },
    [route.screen, go]
  )

  const sourceIndex = useMemo(() => indexSources(sources.data ?? []), [sources.data])
  const currentReport = route.screen === 'report' ? reports.data?.find((r) => r.id === route.reportId) : undefined

  return (
    <div className={`app${dragging ? ' dragging' : ''}`}>
      <header className="app-head">
        <button type="button" className="brand" onClick={() => go({ screen: 'home' })} aria-label="Attest: back to the archive">
          Attest
        </button>
        <nav className="crumbs" aria-label="Where you are">
          <button type="button" className="link-button" onClick={() => go({ screen: 'home' })} aria-current={route.screen === 'home' ? 'page' : undefined}>
            Archive
          </button>
          {route.screen === 'report' ? <span aria-current="page"> › Review: {currentReport?.title ?? `report ${route.reportId}`}</span> : null}
          {route.screen === 'source' ? <span aria-current="page"> › Source</span> : null}
          {route.screen === 'team' ? <span aria-current="page"> › Team</span> : null}
        </nav>
        <SearchBox
          ref={searchRef}
          onPick={onPick}
          describeSnapshot={(id) => {
            const sn = sourceIndex.bySnapshot(id)?.snapshots.find((x) => x.id === id)
            return sn ? (sn.mediaType === 'application/pdf' ? 'PDF' : sn.mediaType.includes('html') ? 'HTML' : 'text') : null
          }}
        />
        <HubStatus onSynced={reload} onOpenTeam={() => go({ screen: 'team' })} />
        {info.data ? <UserName name={info.data.userName} onChanged={info.reload} /> : null}
      </header>
      {progress ? (
        <div className="global-progress" role="status">
          <label htmlFor="task-progress">
            {progress.task}: {progress.done} of {progress.total}
          </label>
          <progress id="task-progress" max={progress.total} value={progress.done} />
        </div>
      ) : null}
      {importer.progress ? <ImportProgressView progress={importer.progress} onClose={importer.clear} /> : null}
      <main className="app-main">
        {route.screen === 'home' ? (
          <ArchiveHome
            reports={reports.data}
            sources={sources.data}
            loadError={reports.error ?? sources.error}
            onReload={reload}
            onOpenReport={(id) => go({ screen: 'report', reportId: id, sentence: 0 })}
            onOpenSnapshot={(id) => go({ screen: 'source', snapshotId: id })}
            importFiles={importer.importFiles}
            fileInputRef={fileInputRef}
            casePathRef={casePathRef}
          />
        ) : null}
        {route.screen === 'report' ? (
          // Links whose passage changed in a newer capture: one load shared by the banner and the link badges.
          <ChangedLinksProvider key={route.reportId} reportId={route.reportId}>
            <ReportReview
              key={route.reportId}
              reportId={route.reportId}
              initialSentence={route.sentence}
              sources={sources.data ?? []}
              viewerRequest={viewerRequest}
              onSentenceChange={(i) => go({ screen: 'report', reportId: route.reportId, sentence: i }, true)}
              focusSearch={focusSearch}
              onSourcesChanged={reload}
            />
          </ChangedLinksProvider>
        ) : null}
        {route.screen === 'team' ? <TeamView key={reloadKey} onOpenSentence={(reportId, index) => go({ screen: 'report', reportId, sentence: index })} /> : null}
        {route.screen === 'source' ? (
          <div className="source-screen">
            <SourceViewer
              focus={{ snapshotId: route.snapshotId, start: route.start, end: route.end, nonce: 0 }}
              source={sourceIndex.bySnapshot(route.snapshotId)}
              highlights={[]}
              linkTarget={null}
              onSourceChanged={reload}
              onSwitchSnapshot={(id) => go({ screen: 'source', snapshotId: id }, true)}
            />
          </div>
        ) : null}
      </main>
      {dragging ? (
        <div className="drop-overlay" aria-hidden="true">
          Drop files to add them to the archive
        </div>
      ) : null}
    </div>
  )
}
