# ruff: noqa: B018 - bare names are how a vulture whitelist marks them used
"""What vulture (`vulture`, configured in pyproject.toml) cannot see being used: names reached
by dispatch on a string, by a framework's registration, or by a library reading an attribute.

Never executed; each line names one thing and says who uses it. Anything else vulture reports
is dead: delete it rather than adding it here.
"""

from railguard.engine.document import Document
from railguard.engine.taint.calls import CallsMixin
from railguard.engine.taint.expressions import ExpressionsMixin
from railguard.lsp_server import server
from railguard.mcp_server import schema
from railguard.model import Surface, Thresholds

# taint: FunctionRun.eval dispatches on the node type, getattr(self, "e_" + node.type)
CallsMixin.e_call  # a `call` node
ExpressionsMixin.e_identifier  # a `identifier` node
ExpressionsMixin.e_string  # a `string` node
ExpressionsMixin.e_concatenated_string  # a `concatenated_string` node
ExpressionsMixin.e_binary_operator  # a `binary_operator` node
ExpressionsMixin.e_boolean_operator  # a `boolean_operator` node
ExpressionsMixin.e_comparison_operator  # a `comparison_operator` node
ExpressionsMixin.e_not_operator  # a `not_operator` node
ExpressionsMixin.e_unary_operator  # a `unary_operator` node
ExpressionsMixin.e_conditional_expression  # a `conditional_expression` node
ExpressionsMixin.e_named_expression  # a `named_expression` node
ExpressionsMixin.e_assignment  # a `assignment` node
ExpressionsMixin.e_augmented_assignment  # a `augmented_assignment` node
ExpressionsMixin.e_list  # a `list` node
ExpressionsMixin.e_tuple  # a `tuple` node
ExpressionsMixin.e_expression_list  # a `expression_list` node
ExpressionsMixin.e_set  # a `set` node
ExpressionsMixin.e_dictionary  # a `dictionary` node
ExpressionsMixin.e_list_comprehension  # a `list_comprehension` node
ExpressionsMixin.e_set_comprehension  # a `set_comprehension` node
ExpressionsMixin.e_generator_expression  # a `generator_expression` node
ExpressionsMixin.e_dictionary_comprehension  # a `dictionary_comprehension` node
ExpressionsMixin.e_subscript  # a `subscript` node
ExpressionsMixin.e_attribute  # a `attribute` node

# language server: pygls calls what @server.feature / @server.command / @lsp_method register
server.initialize  # initialize request
server.initialized  # initialized notification
server.exit_now  # exit notification
server.did_open  # textDocument/didOpen
server.did_change  # textDocument/didChange
server.did_save  # textDocument/didSave
server.did_close  # textDocument/didClose
server.hover  # textDocument/hover
server.code_action  # textDocument/codeAction
server.scan_workspace  # workspace/executeCommand railguard.server.scanWorkspace
server.explain_rule  # workspace/executeCommand railguard.server.explainRule
server.did_change_configuration  # workspace/didChangeConfiguration
server.did_change_workspace_folders  # workspace/didChangeWorkspaceFolders
server.RailguardProtocol.lsp_text_document__did_change  # pygls' protocol method for didChange, overridden
server.RailguardServer.report_server_error  # pygls calls it on a handler's exception, overridden

# MCP tool results: pydantic reads the fields (the JSON schema of every tool's output)
schema._Frozen.model_config  # pydantic's configuration attribute
schema.Policy.below_threshold  # a field of the Policy result
schema.Policy.baselined  # a field of the Policy result
schema.ScanOut.by_severity  # a field of the ScanOut result
schema.ScanOut.complete  # a field of the ScanOut result
schema.Verdict.allowed_by_override  # a field of the Verdict result
schema.DiffOut.changed_files  # a field of the DiffOut result
schema.DiffOut.ai_assisted  # a field of the DiffOut result
schema.RuleOut.fix_available  # a field of the RuleOut result

re2_options = None  # google-re2's Options, as engine/analyzers/secrets.py fills it
re2_options.max_mem  # RE2 reads its memory budget from the options object
re2_options.log_errors  # engine/lazyre.py: RE2 reports a refused pattern by exception, not on stderr
Document.from_text  # the constructor for text already in memory (the test suite builds documents with it)

# configuration types: a surface's threshold is read by name, getattr(thresholds, surface.value)
Surface.COMMIT  # parsed from "commit" (Surface.parse) by the hook and the CLI's --surface
Surface.AGENT  # parsed from "agent" by the agent hook
Thresholds.editor  # Thresholds.for_surface("editor")
Thresholds.commit  # Thresholds.for_surface("commit")
Thresholds.ci  # Thresholds.for_surface("ci")
