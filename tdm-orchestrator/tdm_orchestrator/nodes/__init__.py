"""The supergraph's own nodes: parse_request → decide_operation → execute_subgraph → finalize."""
